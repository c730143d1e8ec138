import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** Passkeys (WebAuthn public keys) of a login. */
export class Passkeys1764100000001 implements MigrationInterface {
  name = 'Passkeys1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, text, when, uuidKey, counter, flag, bookkeeping } = columnsFor(queryRunner);
    const [createdAt] = bookkeeping();
    await queryRunner.createTable(
      new Table({
        name: 'passkey',
        columns: [
          uuidKey(),
          int('essId'),
          text('credentialId', 255, false),
          text('publicKey', 1000, false),
          counter('signCount'),
          text('transports', 100),
          text('name', 60, false),
          flag('passwordless', false),
          createdAt,
          when('lastUsedAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_passkey_login', columnNames: ['essId'] }),
          new TableIndex({ name: 'UQ_passkey_credential', columnNames: ['credentialId'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('passkey');
  }
}
