import { randomUUID } from 'node:crypto';
import { writeLock } from '@ecg/infrastructure';
import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { foldPendingLogins } from './fold-pending-logins';
import { loginsByUserName, updateLogin } from './login-rows';
import { hashPassword } from '../passwords/password-hasher';
import { PASSWORD_HISTORY } from '../passwords/password-policy';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { AccountToken } from './account-token.entity';
import { PasswordHistory } from './password-history.entity';

const { REGISTERED } = SelfServiceStatus;

// What sign-in and the lifecycle buttons both do to a login: lock its row, set its password.

/** The account row, locked until the transaction ends (SQLite has one writer at a time anyway). */
export const lockAccount = (manager: EntityManager, where: { essId: number } | { contactId: string }) =>
  manager.findOne(SelfServiceAccount, { where, lock: writeLock(manager) });

/**
 * The logins with exactly this user name (one; several only when kept apart before logins became one per person): the
 * database's collation also matches accented look-alikes, so the match is checked there.
 */
export const findAccountsByUserName = loginsByUserName;

/**
 * Set a new password of a login (`account` is the login row): hash, history, panel fields; the enrollment is complete and the login open.
 * Every unused link of the login (reset, unlock) is spent: it was made for the state that ended.
 * Logins of the same name still waiting for a first password join this one (the caller ends the
 * sessions of every membership afterwards).
 */
export async function setPassword(
  manager: EntityManager,
  account: SelfServiceAccount,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await manager.update(AccountToken, { essId: account.essId, usedAt: IsNull() }, { usedAt: new Date() });
  await manager.update(AccountSecret, { essId: account.essId }, { passwordHash, temporaryPasswordHash: null });
  await manager.insert(PasswordHistory, { id: randomUUID(), essId: account.essId, passwordHash });
  await updateLogin(manager, account.essId, {
    status: REGISTERED,
    enrollmentCompleted: true,
    temporaryPasswordSet: false,
    temporaryPasswordExpiresAt: null,
    passwordExpired: false,
    passwordLastChanged: new Date(),
    unsuccessfulAttemptsSinceLastSuccess: 0,
  });
  await foldPendingLogins(manager, account);
}

export async function previousPasswordHashes(manager: EntityManager, essId: number): Promise<string[]> {
  return (
    await manager.find(PasswordHistory, { where: { essId }, order: { createdAt: 'DESC' }, take: PASSWORD_HISTORY })
  ).map((h) => h.passwordHash);
}
