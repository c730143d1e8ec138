import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

export class CreateOrganization1763780000000 implements MigrationInterface {
  name = 'CreateOrganization1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, flag, bookkeeping } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'organization',
        columns: [
          uuidKey(),
          text('code', 10, false),
          text('name', 200, false),
          text('organizationType', 40, false),
          text('address_line1', 200),
          text('address_line2', 200),
          text('address_city', 100),
          text('address_state', 100),
          text('address_postalCode', 20),
          text('address_country', 100),
          flag('automaticInternetAccess', true),
          ...bookkeeping(),
        ],
        indices: [
          new TableIndex({ name: 'UQ_organization_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'IDX_organization_name', columnNames: ['name'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organization');
  }
}
