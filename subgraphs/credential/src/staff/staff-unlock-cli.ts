import 'reflect-metadata';
import { openDatabase } from '@ecg/infrastructure';
import { loadCredentialConfig } from '../config';
import { entities, migrations } from '../server';
import { unlockStaffLogin } from './staff-lockout';

/**
 * `npm run staff:unlock -- <email>`: open a locked staff login at once (the lock also expires by
 * itself after STAFF_LOCKOUT_MINUTES). Reads the same configuration as the credential subgraph.
 */
async function main(email: string | undefined): Promise<number> {
  if (!email) {
    process.stderr.write('usage: npm run staff:unlock -- <staff email>\n');
    return 2;
  }
  const config = loadCredentialConfig();
  const dataSource = await openDatabase(config.database, { entities, migrations });
  try {
    const unlocked = await unlockStaffLogin(dataSource, email);
    process.stdout.write(unlocked ? `unlocked staff login ${email}\n` : `no staff login ${email}\n`);
    return unlocked ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
