import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** A login's authenticator (secrets sealed with SECOND_FACTOR_KEY) and its recovery codes (keyed hashes). */
export class SecondFactors1764100000000 implements MigrationInterface {
  name = 'SecondFactors1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, text, when, uuidKey } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'second_factor',
        columns: [
          { ...int('essId'), isPrimary: true },
          text('totpSecret', 200),
          when('totpConfirmedAt'),
          { ...int('totpLastStep'), isNullable: true },
          text('pendingTotpSecret', 200),
          when('pendingStartedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'recovery_code',
        columns: [uuidKey(), int('essId'), text('codeHash', 64, false), when('usedAt')],
        indices: [new TableIndex({ name: 'IDX_recovery_code_login', columnNames: ['essId'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('recovery_code');
    await queryRunner.dropTable('second_factor');
  }
}
