import type { DataSource } from 'typeorm';
import type { CredentialConfig } from '../config';
import { normalizeUserName, sameUserName } from '../person/user-name';
import { StaffAccount } from './staff-account.entity';
import { withRetry } from '@ecg/infrastructure';

const sqlite = (dataSource: DataSource) => dataSource.options.type === 'better-sqlite3';

/** Whether the staff login is locked now. */
export const staffLocked = (account: Pick<StaffAccount, 'lockedUntil'>, now = Date.now()) =>
  !!account.lockedUntil && account.lockedUntil.getTime() > now;

/**
 * Staff lock like contacts, softly (ASVS 2.2.1): STAFF_LOCKOUT_ATTEMPTS wrong passwords in a row
 * lock the login for STAFF_LOCKOUT_MINUTES. Counted under the row lock, so concurrent failures all
 * count; failures while locked neither count nor extend the lock (nobody can keep staff out forever
 * by guessing), and the lock restarts the count.
 */
export async function recordStaffFailure(
  dataSource: DataSource,
  config: CredentialConfig,
  staffId: string,
): Promise<void> {
  await withRetry(dataSource, async (manager) => {
    const account = await manager.findOne(StaffAccount, {
      where: { id: staffId },
      lock: sqlite(dataSource) ? undefined : { mode: 'pessimistic_write' },
    });
    if (!account || staffLocked(account)) return;
    const failures = account.failedAttempts + 1;
    const locks = failures >= config.staffLockout.attempts;
    await manager.update(
      StaffAccount,
      { id: staffId },
      locks
        ? { failedAttempts: 0, lockedUntil: new Date(Date.now() + config.staffLockout.minutes * 60_000) }
        : { failedAttempts: failures },
    );
  });
}

/** A right password: the count starts again. */
export async function clearStaffFailures(dataSource: DataSource, account: StaffAccount): Promise<void> {
  if (account.failedAttempts !== 0 || account.lockedUntil)
    await dataSource.getRepository(StaffAccount).update({ id: account.id }, { failedAttempts: 0, lockedUntil: null });
}

/** The staff login with exactly this user name (the database's collation would fold accents). */
export async function findStaffByEmail(dataSource: DataSource, email: string): Promise<StaffAccount | null> {
  const found = await dataSource.getRepository(StaffAccount).findOneBy({ email: normalizeUserName(email) });
  return found && sameUserName(found.email, email) ? found : null;
}

/** `npm run staff:unlock -- <email>`: the lock and the failure count go; false when there is no such staff login. */
export async function unlockStaffLogin(dataSource: DataSource, email: string): Promise<boolean> {
  const account = await findStaffByEmail(dataSource, email);
  if (!account) return false;
  await dataSource.getRepository(StaffAccount).update({ id: account.id }, { failedAttempts: 0, lockedUntil: null });
  return true;
}
