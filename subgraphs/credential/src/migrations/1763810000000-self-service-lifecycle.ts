import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** Register, re-enroll, unlock, password reset: the outbox, one-time tokens, history, security events. */
export class SelfServiceLifecycle1763810000000 implements MigrationInterface {
  name = 'SelfServiceLifecycle1763810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, int, counter, when, bookkeeping } = columnsFor(queryRunner);
    const [createdAt] = bookkeeping();
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          uuidKey(),
          text('recipient', 254, false),
          text('subject', 300, false),
          { name: 'body', type: 'text', isNullable: true },
          counter('attempts'),
          when('nextAttemptAt', false),
          when('claimedUntil'),
          when('sentAt'),
          text('lastError', 500),
          createdAt,
        ],
        indices: [index('IDX_outbox_due', ['sentAt', 'nextAttemptAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'account_token',
        columns: [
          uuidKey(),
          text('tokenHash', 64, false),
          int('essId'),
          text('purpose', 10, false),
          when('expiresAt', false),
          when('usedAt'),
          createdAt,
        ],
        indices: [index('UQ_account_token_hash', ['tokenHash'], true), index('IDX_account_token_account', ['essId'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'password_history',
        columns: [uuidKey(), int('essId'), text('passwordHash', 200, false), createdAt],
        indices: [index('IDX_password_history_account', ['essId', 'createdAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'security_event',
        columns: [
          uuidKey(),
          text('contactId', 36, false),
          text('organizationId', 36, false),
          text('type', 40, false),
          text('actorKind', 10, false),
          text('actorId', 36),
          text('clientAddress', 45),
          { ...createdAt, name: 'at' },
        ],
        indices: [index('IDX_security_event_contact', ['contactId', 'at'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['security_event', 'password_history', 'account_token', 'outbox'])
      await queryRunner.dropTable(table);
  }
}
