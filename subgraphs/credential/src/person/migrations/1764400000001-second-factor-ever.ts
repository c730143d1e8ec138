import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/**
 * Whether a login has ever had a second factor, kept after the factor goes. Logins that have one
 * now get it at once (with the migration's time: when they first had it is not known).
 */
export class SecondFactorEver1764400000001 implements MigrationInterface {
  name = 'SecondFactorEver1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'self_service_account',
      new TableColumn(columnsFor(queryRunner).when('secondFactorEverAt')),
    );
    const holders = 'SELECT essId FROM second_factor WHERE totpSecret IS NOT NULL UNION SELECT essId FROM passkey';
    await queryRunner.query(
      `UPDATE self_service_account SET secondFactorEverAt = CURRENT_TIMESTAMP
       WHERE essId IN (${holders}) OR (loginEssId IN (${holders}) AND linkConfirmedAt IS NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('self_service_account', 'secondFactorEverAt');
  }
}
