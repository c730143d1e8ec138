import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '../database/columns';

/** The sliding window needs the finished window's hits beside the current one's. */
export class RateLimitPreviousWindow1764200000000 implements MigrationInterface {
  name = 'RateLimitPreviousWindow1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('rate_limit', new TableColumn(columnsFor(queryRunner).counter('previousHits')));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('rate_limit', 'previousHits');
  }
}
