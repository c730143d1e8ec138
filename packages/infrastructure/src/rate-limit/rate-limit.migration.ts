import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '../database/columns';

/** Shared by every subgraph that rate-limits; each runs it in its own database. */
export class CreateRateLimit1763790000000 implements MigrationInterface {
  name = 'CreateRateLimit1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { text, int } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit',
        columns: [
          { ...text('bucket', 200, false), isPrimary: true },
          { name: 'windowStart', type: 'bigint' },
          int('hits'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit');
  }
}
