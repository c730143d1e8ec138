import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

export class CreateContact1763780000000 implements MigrationInterface {
  name = 'CreateContact1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, bookkeeping } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'contact',
        columns: [
          uuidKey(),
          text('organizationId', 36, false),
          text('namePrefix', 20),
          text('firstName', 100, false),
          text('middleName', 100),
          text('lastName', 100, false),
          text('nameSuffix', 20),
          text('fullName', 310, false),
          text('gender', 20),
          text('primaryPhoneNumber', 30),
          text('primaryPhoneExtension', 10),
          text('secondaryPhoneNumber', 30),
          text('mobilePhoneNumber', 30),
          text('primaryEmail', 254),
          text('secondaryEmail', 254),
          text('jobTitle', 100),
          text('status', 10, false),
          ...bookkeeping(),
        ],
        indices: [
          new TableIndex({ name: 'IDX_contact_org_full_name', columnNames: ['organizationId', 'fullName'] }),
          new TableIndex({ name: 'IDX_contact_org_status', columnNames: ['organizationId', 'status'] }),
          new TableIndex({ name: 'IDX_contact_org_email', columnNames: ['organizationId', 'primaryEmail'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'contact_type',
        columns: [uuidKey('contactId'), { ...text('contactType', 40, false), isPrimary: true }],
        indices: [new TableIndex({ name: 'IDX_contact_type_type', columnNames: ['contactType'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_contact_type_contact',
            columnNames: ['contactId'],
            referencedTableName: 'contact',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('contact_type');
    await queryRunner.dropTable('contact');
  }
}
