import type { DataSource } from 'typeorm';
import { rateLimitAddressKey, withRetry } from '@ecg/infrastructure';
import type { Principal } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import { invalidCredentials, temporaryPasswordExpired } from '../errors/credential-errors';
import type { SessionGate } from '../gates/session-gate';
import type { StepUpGate } from '../gates/step-up-gate';
import { lockAccount, previousPasswordHashes, setPassword } from '../person/account-store';
import { hashPassword } from '../passwords/password-hasher';
import { hashSlots } from '../passwords/hash-slots';
import { assertPasswordPolicy } from '../passwords/password-policy';
import { recordLoginEvent } from '../person/login-events';
import { loginEssIdOf, membershipsOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { IssuedSession, Sessions } from '../sessions/sessions';
import { newFamily } from '../sessions/sessions';
import { StaffAccount } from '../staff-logins/staff-account.entity';

const { REGISTRATION_PENDING } = SelfServiceStatus;

export interface ChangePasswordDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  gate: SessionGate;
  stepUp: StepUpGate;
  sessions: Pick<Sessions, 'revokeAllOf' | 'familyOfSession'>;
}

/**
 * Change one's own password (with a temporary password, this completes the enrollment). The
 * current password is the step-up gate's proof: rate-limited like a sign-in, refused while
 * locked, a wrong one counted toward the lockout. Other sessions end; the new one comes from the
 * session gate. At most PASSWORD_CHECKS_PER_KEY run at once per principal (and a larger share
 * per client address), so nobody fills the shared hash pool.
 */
export function changePassword(deps: ChangePasswordDeps) {
  const { dataSource, config, gate, stepUp, sessions } = deps;
  const slots = hashSlots(config.passwordChecksPerKey, { address: config.passwordChecksPerAddress });
  const accounts = dataSource.getRepository(SelfServiceAccount);

  /**
   * The session a password change hands back ends when the one it was made from would: a new
   * password is no new sign-in (the second factor was not asked again), so it never extends a
   * session past its absolute lifetime.
   */
  async function familyAfterChange(principal: Principal & { kind: 'staff' | 'contact' }) {
    const current = await sessions.familyOfSession(principal.sessionId, false);
    if (!current) throw invalidCredentials();
    return newFamily(current.startedAt);
  }

  async function ofStaff(principal: Principal & { kind: 'staff' }, current: string, next: string, address?: string) {
    const proven = await stepUp.prove(principal, { currentPassword: current }, address, 'PASSWORD');
    const family = await familyAfterChange(principal);
    const account = await dataSource.getRepository(StaffAccount).findOneByOrFail({ id: principal.id });
    await assertPasswordPolicy(next, account.email);
    await dataSource
      .getRepository(StaffAccount)
      .update({ id: account.id }, { passwordHash: await hashPassword(next), failedAttempts: 0, lockedUntil: null });
    await sessions.revokeAllOf([account.id]);
    await stepUp.notify(proven, { kind: 'PASSWORD_CHANGED' });
    return gate.open({ kind: 'staff', staff: account, clientAddress: address, family });
  }

  async function ofContact(
    principal: Principal & { kind: 'contact' },
    current: string,
    next: string,
    address?: string,
  ) {
    // The password is the person's: the login's, whichever organization the token acts for.
    const membership = await accounts.findOneBy({ contactId: principal.id });
    if (!membership) throw invalidCredentials();
    const before = await accounts.findOneByOrFail({ essId: loginEssIdOf(membership) });
    // A change-password-only token must not outlive the temporary password it was issued for.
    const expiry = before.temporaryPasswordExpiresAt;
    if (before.status === REGISTRATION_PENDING && expiry && expiry.getTime() <= Date.now())
      throw temporaryPasswordExpired();
    const proven = await stepUp.prove(principal, { currentPassword: current }, address, 'PASSWORD');
    const family = await familyAfterChange(principal);
    const login = await withRetry(dataSource, async (manager) => {
      const locked = (await lockAccount(manager, { essId: before.essId }))!;
      await assertPasswordPolicy(next, locked.userName, await previousPasswordHashes(manager, locked.essId));
      await setPassword(manager, locked, next);
      await recordLoginEvent(manager, locked.essId, 'PASSWORD_CHANGED', address, principal);
      return manager.findOneByOrFail(SelfServiceAccount, { essId: locked.essId });
    });
    await sessions.revokeAllOf((await membershipsOf(dataSource.manager, login.essId)).map((m) => m.contactId));
    // Choosing the first password is no change of one: only a real change is mailed.
    if (before.status !== REGISTRATION_PENDING) await stepUp.notify(proven, { kind: 'PASSWORD_CHANGED' });
    const acting = (await accounts.findOneBy({ contactId: principal.id })) ?? membership;
    return gate.open({ kind: 'contact', login, membership: acting, clientAddress: address, family });
  }

  return async (
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    clientAddress: string | undefined,
  ): Promise<IssuedSession> => {
    if (principal.kind !== 'staff' && principal.kind !== 'contact') throw invalidCredentials();
    const keys = [
      `principal:${principal.id}`,
      `address:${clientAddress ? rateLimitAddressKey(clientAddress) : 'unknown'}`,
    ];
    return slots.run(keys, () =>
      principal.kind === 'staff'
        ? ofStaff(principal, currentPassword, newPassword, clientAddress)
        : ofContact(principal, currentPassword, newPassword, clientAddress),
    );
  };
}

export type ChangePassword = ReturnType<typeof changePassword>;
