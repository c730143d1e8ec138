import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

interface Row {
  essId: number;
  userName: string;
  lastSuccessfulLogin: Date | string | null;
}

/**
 * One login per person, linked to a contact in each organization (DESIGN.md section 6).
 * Every existing row stays a login with one membership (its own contact): nothing to move, no
 * login lost, every password, lock, link and session as it was. Logins of one user name in
 * several organizations (possible while user names were unique per organization) stay
 * apart, each with its own password: merging would keep one password and silently end the other
 * (or hand one organization's login to whoever knows the other's). The one used last becomes the
 * login new registrations of that email link to; sign-in still tries each by the password given.
 */
export class PersonMemberships1764000000000 implements MigrationInterface {
  name = 'PersonMemberships1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, text, when } = columnsFor(queryRunner);
    await queryRunner.addColumns('self_service_account', [
      new TableColumn({ ...int('loginEssId'), isNullable: true }),
      new TableColumn(text('loginUserName', 254)),
      new TableColumn(when('linkConfirmedAt')),
    ]);
    const rows = (await queryRunner.query(
      'SELECT essId, userName, lastSuccessfulLogin FROM self_service_account ORDER BY essId',
    )) as Row[];
    const chosen = new Map<string, Row>();
    const at = (row: Row) => (row.lastSuccessfulLogin ? new Date(row.lastSuccessfulLogin).getTime() : -1);
    for (const row of rows) {
      const seen = chosen.get(row.userName);
      if (!seen || at(row) > at(seen) || (at(row) === at(seen) && row.essId > seen.essId))
        chosen.set(row.userName, row);
    }
    for (const row of chosen.values())
      await queryRunner.query('UPDATE self_service_account SET loginUserName = userName WHERE essId = ?', [row.essId]);
    await queryRunner.createIndex(
      'self_service_account',
      new TableIndex({ name: 'IDX_self_service_account_login', columnNames: ['loginEssId'] }),
    );
    await queryRunner.createIndex(
      'self_service_account',
      new TableIndex({
        name: 'UQ_self_service_account_login_user_name',
        columnNames: ['loginUserName'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('self_service_account', 'UQ_self_service_account_login_user_name');
    await queryRunner.dropIndex('self_service_account', 'IDX_self_service_account_login');
    await queryRunner.dropColumns('self_service_account', ['loginEssId', 'loginUserName', 'linkConfirmedAt']);
  }
}
