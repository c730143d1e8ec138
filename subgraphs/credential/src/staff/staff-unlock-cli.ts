import 'reflect-metadata';
import { openDatabase } from '@ecg/infrastructure';
import { loadCredentialConfig } from '../config';
import { entities, migrations } from '../server';
import { unlockStaffLogin } from '../staff-logins/staff-lockout';
import { secondFactors } from '../second-factor/second-factors';
import { resetStaffSecondFactors } from '../staff-logins/staff-second-factor';

/**
 * `npm run staff:unlock -- <email> [--reset-second-factors]`: open a locked staff login at once (the
 * lock also expires by itself after STAFF_LOCKOUT_MINUTES), and with the option remove its second
 * factors (authenticator app, recovery codes, passkeys). Reads the same configuration as the credential subgraph.
 */
async function main(email: string | undefined, option: string | undefined): Promise<number> {
  if (!email || (option !== undefined && option !== '--reset-second-factors')) {
    process.stderr.write('usage: npm run staff:unlock -- <staff email> [--reset-second-factors]\n');
    return 2;
  }
  const config = loadCredentialConfig();
  const dataSource = await openDatabase(config.database, { entities, migrations });
  try {
    const unlocked = await unlockStaffLogin(dataSource, email);
    process.stdout.write(unlocked ? `unlocked staff login ${email}\n` : `no staff login ${email}\n`);
    // A lost phone and lost recovery codes: the password alone signs in again (production asks to set one up).
    if (unlocked && option) {
      await resetStaffSecondFactors(dataSource, secondFactors(dataSource, config), email);
      process.stdout.write(`removed the second factors of staff login ${email}\n`);
    }
    return unlocked ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
