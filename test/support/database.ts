import { randomBytes } from 'node:crypto';

/**
 * The MySQL/MariaDB server the tests use: `TEST_DATABASE_URL`, or the local MariaDB that CI has.
 * Each run gets its own database prefix, so runs never see each other's rows.
 */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';

export function uniqueDatabaseUrl(label: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/ecgt_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  return url.toString();
}
