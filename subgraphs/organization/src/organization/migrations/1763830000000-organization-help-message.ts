import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** The organization's own short help message (ESR: "contact HR/IT on ..."), shown by the public administrator lookup. */
export class OrganizationHelpMessage1763830000000 implements MigrationInterface {
  name = 'OrganizationHelpMessage1763830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('organization', new TableColumn(columnsFor(queryRunner).text('helpMessage', 300)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('organization', 'helpMessage');
  }
}
