import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** What the mail learnt of each address, and the outbox's mark for a message refused for good. */
export class EmailReachability1764400000000 implements MigrationInterface {
  name = 'EmailReachability1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { text, when } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'email_reachability',
        columns: [
          { ...text('address', 254, false), isPrimary: true },
          when('verifiedAt'),
          when('undeliverableAt'),
          text('undeliverableReason', 500),
        ],
      }),
    );
    await queryRunner.addColumn('outbox', new TableColumn(when('refusedAt')));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox', 'refusedAt');
    await queryRunner.dropTable('email_reachability');
  }
}
