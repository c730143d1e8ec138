import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';
import { recountContacts } from '../contact-count';

/** Each organization's number of contacts, counted once here and then kept by the subscriber. */
export class OrganizationContactCount1764200000000 implements MigrationInterface {
  name = 'OrganizationContactCount1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { text, int } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'organization_contact_count',
        columns: [{ ...text('organizationId', 36, false), isPrimary: true }, int('contacts')],
      }),
    );
    await recountContacts(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organization_contact_count');
  }
}
