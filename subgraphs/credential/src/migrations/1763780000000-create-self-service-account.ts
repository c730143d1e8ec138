import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

export class CreateSelfServiceAccount1763780000000 implements MigrationInterface {
  name = 'CreateSelfServiceAccount1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { serialKey, text, when, counter, flag, bookkeeping } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'self_service_account',
        columns: [
          serialKey('essId'),
          text('contactId', 36, false),
          text('organizationId', 36, false),
          text('userName', 254, false),
          text('status', 24, false),
          when('passwordLastChanged'),
          when('lastSuccessfulLogin'),
          when('previousLogin'),
          counter('successfulLoginAttempts'),
          counter('totalUnsuccessfulAttempts'),
          counter('unsuccessfulAttemptsSinceLastSuccess'),
          flag('enrollmentCompleted', false),
          flag('temporaryPasswordSet', false),
          when('temporaryPasswordExpiresAt'),
          flag('passwordExpired', false),
          flag('reenrolled', false),
          text('lastAuthenticationFailure', 40),
          when('lastAuthenticationFailureAt'),
          text('internalMessage', 500),
          text('externalMessage', 500),
          ...bookkeeping(),
        ],
        indices: [
          new TableIndex({ name: 'UQ_self_service_account_contact', columnNames: ['contactId'], isUnique: true }),
          new TableIndex({ name: 'IDX_self_service_account_org', columnNames: ['organizationId'] }),
          new TableIndex({ name: 'UQ_self_service_account_user_name', columnNames: ['userName'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('self_service_account');
  }
}
