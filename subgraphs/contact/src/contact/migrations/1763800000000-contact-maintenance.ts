import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** The audit trail of contact maintenance. */
export class ContactMaintenance1763800000000 implements MigrationInterface {
  name = 'ContactMaintenance1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, bookkeeping } = columnsFor(queryRunner);
    const [createdAt] = bookkeeping();
    await queryRunner.createTable(
      new Table({
        name: 'contact_audit',
        columns: [
          uuidKey(),
          text('organizationId', 36, false),
          text('contactId', 36, false),
          text('action', 20, false),
          text('actorKind', 10, false),
          text('actorId', 36, false),
          { name: 'changesJson', type: 'text' },
          { ...createdAt, name: 'at' },
        ],
        indices: [
          new TableIndex({ name: 'IDX_contact_audit_org_at', columnNames: ['organizationId', 'at'] }),
          new TableIndex({ name: 'IDX_contact_audit_contact_at', columnNames: ['contactId', 'at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('contact_audit');
  }
}
