import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { normalizeUserName, sameUserName } from './user-name';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';

/**
 * A person's login and its memberships (DESIGN.md section 6). The login is the self_service_account
 * row with `loginEssId` null; each further organization's contact is a row linked to it. Every
 * reader and writer of that link goes through this file.
 */

/** The essId of the login a panel row belongs to. */
export const loginEssIdOf = (row: Pick<SelfServiceAccount, 'essId' | 'loginEssId'>) => row.loginEssId ?? row.essId;

/** A linked row the person has not signed in since: its organization sees only what it did itself. */
export const awaitsConfirmation = (row: Pick<SelfServiceAccount, 'loginEssId' | 'linkConfirmedAt'>) =>
  row.loginEssId !== null && row.linkConfirmedAt === null;

/** The login rows (never linked rows) with exactly this user name: one, or several kept apart before logins became one per person. */
export async function loginsByUserName(manager: EntityManager, userName: string): Promise<SelfServiceAccount[]> {
  const found = await manager.find(SelfServiceAccount, {
    where: { userName: normalizeUserName(userName), loginEssId: IsNull() },
    order: { lastSuccessfulLogin: 'DESC', essId: 'DESC' },
  });
  return found.filter((row) => sameUserName(row.userName, userName));
}

/**
 * The login a new registration of this email links to: one whose person has chosen a password
 * (proved they read that mailbox), the claimed one first. A login still waiting for its first
 * password links nothing: the new registration makes a login of its own, and the two become one
 * when the person chooses a password in either (fold-pending-logins.ts).
 */
export async function loginForLinking(manager: EntityManager, userName: string): Promise<SelfServiceAccount | null> {
  const logins = await loginsByUserName(manager, userName);
  const chosen = logins.filter(hasChosenPassword);
  return chosen.find((login) => login.loginUserName !== null) ?? chosen[0] ?? null;
}

/** Whether some login already holds the user name's claim (the unique index new logins race on). */
export const userNameClaimed = (manager: EntityManager, userName: string) =>
  manager.existsBy(SelfServiceAccount, { loginUserName: normalizeUserName(userName) });

/** Whether the person ever chose a password (enrolled, or re-enrolled after enrolling). */
export const hasChosenPassword = (login: Pick<SelfServiceAccount, 'enrollmentCompleted' | 'passwordLastChanged'>) =>
  login.enrollmentCompleted || login.passwordLastChanged !== null;

/** Every membership of a login: the login's own row first, then the linked ones by age. */
export async function membershipsOf(manager: EntityManager, loginEssId: number): Promise<SelfServiceAccount[]> {
  const rows = await manager.find(SelfServiceAccount, {
    where: [{ essId: loginEssId }, { loginEssId }],
    order: { essId: 'ASC' },
  });
  return [...rows.filter((row) => row.essId === loginEssId), ...rows.filter((row) => row.essId !== loginEssId)];
}

/** The memberships the person has confirmed (the login's own row is always one). */
export async function confirmedMembershipsOf(
  manager: EntityManager,
  loginEssId: number,
): Promise<SelfServiceAccount[]> {
  return (await membershipsOf(manager, loginEssId)).filter((row) => !awaitsConfirmation(row));
}

/**
 * Write a change of the login to the login row and every confirmed linked row, so each
 * organization's panel shows it. Values may be SQL expressions (`() => 'col + 1'`), evaluated per row.
 */
/** The login has a second factor now: remembered for good (the first time is kept). */
export const rememberSecondFactor = (manager: EntityManager, loginEssId: number) =>
  updateLogin(manager, loginEssId, { secondFactorEverAt: () => 'COALESCE(secondFactorEverAt, CURRENT_TIMESTAMP)' });

export async function updateLogin(
  manager: EntityManager,
  loginEssId: number,
  patch: QueryDeepPartialEntity<SelfServiceAccount>,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(SelfServiceAccount)
    .set(patch)
    .where('essId = :loginEssId OR (loginEssId = :loginEssId AND linkConfirmedAt IS NOT NULL)', { loginEssId })
    .execute();
}
