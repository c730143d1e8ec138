import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { indexOrganizationNames, NAME_GRAM_TABLE } from '../organization-name-grams';

/** The name index of the organization search (see organization-name-grams.ts), filled from the names there are. */
export class OrganizationNameGrams1763840000000 implements MigrationInterface {
  name = 'OrganizationNameGrams1763840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isSqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    // Grams must compare as the name column does: its own collation on MySQL/MariaDB, LIKE's NOCASE on SQLite.
    const collation = isSqlite
      ? 'NOCASE'
      : (
          (await queryRunner.query(
            "SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'organization' AND COLUMN_NAME = 'name'",
          )) as { c: string }[]
        )[0]?.c;
    await queryRunner.createTable(
      new Table({
        name: NAME_GRAM_TABLE,
        columns: [
          { name: 'gram', type: 'varchar', length: '3', isPrimary: true, collation },
          { name: 'organizationId', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'IDX_organization_name_gram_org', columnNames: ['organizationId'] })],
      }),
    );
    const organizations = (await queryRunner.query('SELECT id, name FROM organization')) as {
      id: string;
      name: string;
    }[];
    for (let start = 0; start < organizations.length; start += 500)
      await indexOrganizationNames(queryRunner.manager, organizations.slice(start, start + 500));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(NAME_GRAM_TABLE);
  }
}
