import type { DataSource } from 'typeorm';
import { verifyAndUpgrade } from '../passwords/password-hasher';
import { StaffAccount } from '../staff-logins/staff-account.entity';

/**
 * A staff sign-in's password check. A hash made at a lower cost than the configured one is
 * replaced by one at that cost when the password matches, written only over the hash that was checked.
 */
export function checkStaffPassword(dataSource: DataSource, account: StaffAccount, password: string): Promise<boolean> {
  return verifyAndUpgrade(password, account.passwordHash, (upgraded, previous) =>
    dataSource
      .getRepository(StaffAccount)
      .update({ id: account.id, passwordHash: previous }, { passwordHash: upgraded }),
  );
}
