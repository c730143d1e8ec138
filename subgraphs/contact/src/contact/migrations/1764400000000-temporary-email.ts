import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** "Temporary address, review by": none for every existing contact. */
export class TemporaryEmail1764400000000 implements MigrationInterface {
  name = 'TemporaryEmail1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('contact', new TableColumn(columnsFor(queryRunner).text('temporaryEmailReviewBy', 10)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('contact', 'temporaryEmailReviewBy');
  }
}
