import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** What an actor records with a security event: the identity facts checked before an assisted reset. */
export class SecurityEventDetails1765200000000 implements MigrationInterface {
  name = 'SecurityEventDetails1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('security_event', new TableColumn(columnsFor(queryRunner).text('details', 1000)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('security_event', 'details');
  }
}
