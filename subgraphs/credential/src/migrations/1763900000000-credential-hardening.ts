import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** Staff lockout (failures in a row, locked until) and the queue of password-reset requests. */
export class CredentialHardening1763900000000 implements MigrationInterface {
  name = 'CredentialHardening1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, counter, when, bookkeeping } = columnsFor(queryRunner);
    const [createdAt] = bookkeeping();
    await queryRunner.addColumns('staff_account', [
      new TableColumn(counter('failedAttempts')),
      new TableColumn(when('lockedUntil')),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'password_reset_request',
        columns: [uuidKey(), text('userName', 254, false), text('clientAddress', 45), createdAt],
        indices: [new TableIndex({ name: 'IDX_password_reset_request_created', columnNames: ['createdAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_reset_request');
    await queryRunner.dropColumns('staff_account', ['lockedUntil', 'failedAttempts']);
  }
}
