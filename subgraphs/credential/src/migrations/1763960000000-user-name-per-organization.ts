import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A user name is unique within an organization, no longer across all of them,
 * so no organization can take an email (and with it the person's login) away from another.
 */
export class UserNamePerOrganization1763960000000 implements MigrationInterface {
  name = 'UserNamePerOrganization1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'self_service_account',
      new TableIndex({
        name: 'UQ_self_service_account_org_user_name',
        columnNames: ['organizationId', 'userName'],
        isUnique: true,
      }),
    );
    await queryRunner.createIndex(
      'self_service_account',
      new TableIndex({ name: 'IDX_self_service_account_user_name', columnNames: ['userName'] }),
    );
    await queryRunner.dropIndex('self_service_account', 'UQ_self_service_account_user_name');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'self_service_account',
      new TableIndex({ name: 'UQ_self_service_account_user_name', columnNames: ['userName'], isUnique: true }),
    );
    await queryRunner.dropIndex('self_service_account', 'IDX_self_service_account_user_name');
    await queryRunner.dropIndex('self_service_account', 'UQ_self_service_account_org_user_name');
  }
}
