import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/**
 * A session family's absolute lifetime counts from its password step: each refresh token carries
 * when its family started (rotation copies it). Rows from before have none and count from their
 * own creation. One-time tokens are purged past their expiry, found by it.
 */
export class SessionLifetime1764200000000 implements MigrationInterface {
  name = 'SessionLifetime1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { when } = columnsFor(queryRunner);
    await queryRunner.addColumn('refresh_token', new TableColumn(when('familyStartedAt')));
    await queryRunner.createIndex(
      'refresh_token',
      new TableIndex({ name: 'IDX_refresh_token_expires', columnNames: ['expiresAt'] }),
    );
    await queryRunner.createIndex(
      'account_token',
      new TableIndex({ name: 'IDX_account_token_expires', columnNames: ['expiresAt'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('account_token', 'IDX_account_token_expires');
    await queryRunner.dropIndex('refresh_token', 'IDX_refresh_token_expires');
    await queryRunner.dropColumn('refresh_token', 'familyStartedAt');
  }
}
