import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** "Second factor required", beside Automatic Internet Access; off for every existing organization. */
export class OrganizationSecondFactorRequired1764100000000 implements MigrationInterface {
  name = 'OrganizationSecondFactorRequired1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'organization',
      new TableColumn(columnsFor(queryRunner).flag('secondFactorRequired', false)),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('organization', 'secondFactorRequired');
  }
}
