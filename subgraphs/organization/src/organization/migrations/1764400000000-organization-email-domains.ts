import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The organization's internal-only and approved email domains; none for every existing organization. */
export class OrganizationEmailDomains1764400000000 implements MigrationInterface {
  name = 'OrganizationEmailDomains1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('organization', [
      new TableColumn({ name: 'internalOnlyEmailDomains', type: 'text', isNullable: true }),
      new TableColumn({ name: 'approvedEmailDomains', type: 'text', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('organization', 'approvedEmailDomains');
    await queryRunner.dropColumn('organization', 'internalOnlyEmailDomains');
  }
}
