import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** Sign-in: signing keys, staff logins, self-service secrets, refresh tokens. */
export class Identity1763790000000 implements MigrationInterface {
  name = 'Identity1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, int, when, bookkeeping } = columnsFor(queryRunner);
    const [createdAt, updatedAt] = bookkeeping();
    await queryRunner.createTable(
      new Table({
        name: 'signing_key',
        columns: [{ ...text('kid', 64, false), isPrimary: true }, { name: 'privateKeyPem', type: 'text' }, createdAt],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_account',
        columns: [
          uuidKey(),
          text('email', 254, false),
          text('displayName', 200, false),
          text('passwordHash', 200, false),
          createdAt,
          updatedAt,
        ],
        indices: [new TableIndex({ name: 'UQ_staff_account_email', columnNames: ['email'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'account_secret',
        columns: [{ ...int('essId'), isPrimary: true }, text('passwordHash', 200), text('temporaryPasswordHash', 200)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'refresh_token',
        columns: [
          uuidKey(),
          text('tokenHash', 64, false),
          text('principalKind', 10, false),
          text('principalId', 36, false),
          text('familyId', 36, false),
          when('expiresAt', false),
          when('revokedAt'),
          createdAt,
        ],
        indices: [
          new TableIndex({ name: 'UQ_refresh_token_hash', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_refresh_token_principal', columnNames: ['principalId'] }),
          new TableIndex({ name: 'IDX_refresh_token_family', columnNames: ['familyId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['refresh_token', 'account_secret', 'staff_account', 'signing_key'])
      await queryRunner.dropTable(table);
  }
}
