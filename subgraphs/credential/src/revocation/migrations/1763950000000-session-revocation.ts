import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** Ended sessions, published to every token verifier (so that a revoked access token is refused before it expires). */
export class SessionRevocation1763950000000 implements MigrationInterface {
  name = 'SessionRevocation1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { text, when } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'session_revocation',
        columns: [
          { ...text('sessionHash', 64, false), isPrimary: true },
          when('revokedAt', false),
          when('expiresAt', false),
        ],
        indices: [new TableIndex({ name: 'IDX_session_revocation_expires', columnNames: ['expiresAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('session_revocation');
  }
}
