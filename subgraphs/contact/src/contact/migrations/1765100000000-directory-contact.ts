import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** The work phone or email an Administrator publishes on Find your administrator. */
export class DirectoryContact1765100000000 implements MigrationInterface {
  name = 'DirectoryContact1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { text } = columnsFor(queryRunner);
    await queryRunner.addColumn('contact', new TableColumn(text('directoryContact', 100)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('contact', 'directoryContact');
  }
}
