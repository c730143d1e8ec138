import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/**
 * Second factors, second part: staff logins get second factors (their holder number in the second-factor
 * tables, negative so it never meets an ESS ID), and the panel counts second-factor failures apart
 * (the seeds' "Entrust Unsuccessful Attempts").
 */
export class SecondFactorFollowUp1764100000002 implements MigrationInterface {
  name = 'SecondFactorFollowUp1764100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, counter } = columnsFor(queryRunner);
    await queryRunner.addColumn('staff_account', new TableColumn({ ...int('secondFactorHolder'), isNullable: true }));
    await queryRunner.createIndex(
      'staff_account',
      new TableIndex({ name: 'UQ_staff_account_second_factor', columnNames: ['secondFactorHolder'], isUnique: true }),
    );
    await queryRunner.addColumn('self_service_account', new TableColumn(counter('secondFactorUnsuccessfulAttempts')));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('self_service_account', 'secondFactorUnsuccessfulAttempts');
    await queryRunner.dropIndex('staff_account', 'UQ_staff_account_second_factor');
    await queryRunner.dropColumn('staff_account', 'secondFactorHolder');
  }
}
