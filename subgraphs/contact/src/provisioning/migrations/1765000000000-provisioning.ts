import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/**
 * Provisioning tokens; a contact's `externalId` (the directory's own id of the person, which SCIM
 * clients match on); and who an audit entry was made by when the actor is not a person.
 */
export class Provisioning1765000000000 implements MigrationInterface {
  name = 'Provisioning1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { uuidKey, text, when, bookkeeping } = columnsFor(queryRunner);
    const [createdAt] = bookkeeping();
    await queryRunner.createTable(
      new Table({
        name: 'provisioning_token',
        columns: [
          uuidKey(),
          text('organizationId', 36, false),
          text('label', 100, false),
          text('tokenHash', 64, false),
          text('createdBy', 310, false),
          createdAt,
          when('lastUsedAt'),
          when('revokedAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_provisioning_token_org', columnNames: ['organizationId', 'createdAt'] }),
          new TableIndex({ name: 'UQ_provisioning_token_hash', columnNames: ['tokenHash'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.addColumn('contact', new TableColumn(text('externalId', 255)));
    await queryRunner.createIndex(
      'contact',
      new TableIndex({ name: 'IDX_contact_org_external_id', columnNames: ['organizationId', 'externalId'] }),
    );
    await queryRunner.addColumn('contact_audit', new TableColumn(text('actorLabel', 150)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('contact_audit', 'actorLabel');
    await queryRunner.dropIndex('contact', 'IDX_contact_org_external_id');
    await queryRunner.dropColumn('contact', 'externalId');
    await queryRunner.dropTable('provisioning_token');
  }
}
