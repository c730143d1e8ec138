import { GraphQLError } from 'graphql';
import { IsNull, type DataSource } from 'typeorm';
import { ErrorCode, rateLimitAddressKey, type Principal } from '@ecg/shared';
import type { Directory } from '../contact-directory/contact-directory';
import { recordEvent } from '../lifecycle/account-events';
import type { ZoneOf } from '../lifecycle/network-zone';
import { enqueueMail } from '../mail/outbox';
import { templates } from '../mail/templates';
import type { CredentialConfig } from '../config';
import { decoyHash, hashPassword, verifyPassword } from '../passwords/password-hasher';
import { lockAccount, previousPasswordHashes, setPassword } from '../lifecycle/account-store';
import { assertPasswordPolicy } from '../passwords/password-policy';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { SessionSubject } from '../sessions/access-token';
import type { RefreshToken } from '../sessions/refresh-token.entity';
import type { IssuedSession, Sessions } from '../sessions/sessions';
import { accountForSignIn } from '../self-service/account-for-sign-in';
import { StaffAccount } from '../staff/staff-account.entity';
import { clearStaffFailures, findStaffByEmail, recordStaffFailure, staffLocked } from '../staff/staff-lockout';
import { AccountToken } from '../lifecycle/account-token.entity';
import { hashSlots } from '../passwords/hash-slots';
import { consumeSignInLimits } from './sign-in-limits';
import { normalizeUserName } from './user-name';

/** One answer for every failed sign-in: unknown user, wrong password, locked, inactive. */
export const invalidCredentials = () => new GraphQLError('Invalid user name or password.', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export { normalizeUserName } from './user-name';

const { REGISTRATION_PENDING, REGISTERED, LOCKED, DISABLED } = SelfServiceStatus;
export function signIn(dataSource: DataSource, config: CredentialConfig, sessions: Sessions, directory: Directory, zoneOf: ZoneOf) {
  const accounts = dataSource.getRepository(SelfServiceAccount);
  const secrets = dataSource.getRepository(AccountSecret);
  const staff = dataSource.getRepository(StaffAccount);
  const slots = hashSlots(config.passwordChecksPerKey);

  /** Who a contact is now, or null when it may not have a session (inactive, locked, ...). */
  async function contactSubject(account: SelfServiceAccount): Promise<SessionSubject | null> {
    if (account.status !== REGISTERED && account.status !== REGISTRATION_PENDING) return null;
    const facts = await directory.contact(account.contactId);
    if (!facts || facts.status !== 'ACTIVE') {
      await accounts.update({ essId: account.essId }, { status: DISABLED });
      return null;
    }
    return { kind: 'contact', id: facts.id, organizationId: facts.organizationId, contactTypes: facts.contactTypes, passwordChangeRequired: account.status === REGISTRATION_PENDING };
  }

  /**
   * A failed attempt, counted under the row lock so concurrent ones are all counted; the one that
   * reaches the zone's threshold locks the login and queues the single lockout email.
   */
  async function recordFailure(essId: number, clientAddress: string | undefined, reason: string): Promise<void> {
    const threshold = zoneOf(clientAddress) === 'INTERNAL' ? config.lockout.internalAttempts : config.lockout.internetAttempts;
    await dataSource.transaction(async (manager) => {
      const account = (await lockAccount(manager, { essId }))!;
      const since = account.unsuccessfulAttemptsSinceLastSuccess + 1;
      const locks = reason === 'PASSWORD' && since >= threshold && (account.status === REGISTERED || account.status === REGISTRATION_PENDING);
      await manager.update(SelfServiceAccount, { essId }, {
        totalUnsuccessfulAttempts: account.totalUnsuccessfulAttempts + 1,
        unsuccessfulAttemptsSinceLastSuccess: since,
        lastAuthenticationFailure: reason,
        lastAuthenticationFailureAt: new Date(),
        ...(locks ? { status: LOCKED } : {}),
      });
      await recordEvent(manager, account, 'LOGIN_FAILED', clientAddress);
      if (locks) {
        // A new lock: unlock links mailed for an earlier one must not open it.
        await manager.update(AccountToken, { essId, purpose: 'UNLOCK', usedAt: IsNull() }, { usedAt: new Date() });
        await recordEvent(manager, account, 'LOCKED', clientAddress);
        const [facts, organization] = await Promise.all([directory.contact(account.contactId), directory.organization(account.organizationId)]);
        const mail = templates.locked(
          { fullName: facts?.fullName ?? account.userName, organization: organization?.displayName ?? 'your organization', userName: account.userName },
          organization?.administrators ?? [],
          `${config.publicUrl}/self-service/forgot-password`,
        );
        await enqueueMail(manager, { recipient: facts?.primaryEmail ?? account.userName, ...mail });
      }
    });
  }

  async function recordSuccess(account: SelfServiceAccount, clientAddress: string | undefined): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(SelfServiceAccount)
        .set({ previousLogin: () => 'lastSuccessfulLogin', lastSuccessfulLogin: new Date(), successfulLoginAttempts: () => 'successfulLoginAttempts + 1', unsuccessfulAttemptsSinceLastSuccess: 0 })
        .where({ essId: account.essId })
        .execute();
      await recordEvent(manager, account, 'LOGIN_SUCCEEDED', clientAddress);
    });
  }

  return {
    async login(userName: string, password: string, clientAddress: string | undefined): Promise<IssuedSession> {
      const name = normalizeUserName(userName);
      const staffAccount = await findStaffByEmail(dataSource, name);
      if (staffAccount) {
        // Checked even while locked, so a locked login answers like a wrong password, as slowly.
        if (!(await verifyPassword(password, staffAccount.passwordHash))) {
          await recordStaffFailure(dataSource, config, staffAccount.id);
          throw invalidCredentials();
        }
        if (staffLocked(staffAccount)) throw invalidCredentials();
        await clearStaffFailures(dataSource, staffAccount);
        return sessions.issue({ kind: 'staff', id: staffAccount.id });
      }
      const account = await accountForSignIn(dataSource.manager, name, password);
      const secret = account && (await secrets.findOneBy({ essId: account.essId }));
      const pending = account?.status === REGISTRATION_PENDING;
      const hash = pending ? secret?.temporaryPasswordHash : secret?.passwordHash;
      if (!account || !hash) {
        await verifyPassword(password, await decoyHash());
        if (account) await recordFailure(account.essId, clientAddress, 'PASSWORD');
        throw invalidCredentials();
      }
      if (!(await verifyPassword(password, hash))) {
        await recordFailure(account.essId, clientAddress, 'PASSWORD');
        throw invalidCredentials();
      }
      // The password was right: from here on, saying why is no leak.
      if (account.status === LOCKED || account.status === DISABLED) throw invalidCredentials();
      if (pending && account.temporaryPasswordExpiresAt && account.temporaryPasswordExpiresAt.getTime() <= Date.now()) {
        await recordFailure(account.essId, clientAddress, 'EXPIRED_TEMPORARY_PASSWORD');
        throw temporaryPasswordExpired();
      }
      const subject = await contactSubject(account);
      if (!subject) throw invalidCredentials();
      const organization = await directory.organization(account.organizationId);
      if (organization && !organization.automaticInternetAccess && zoneOf(clientAddress) === 'INTERNET') {
        await recordFailure(account.essId, clientAddress, 'NO_INTERNET_ACCESS');
        throw new GraphQLError('Your organization allows sign-in from its internal network only.', { extensions: { code: 'INTERNET_ACCESS_DISABLED' } });
      }
      await recordSuccess(account, clientAddress);
      return sessions.issue(subject);
    },

    /** For a refresh: re-read the principal, so changed types or status reach the next token. */
    async subjectFor(token: RefreshToken): Promise<SessionSubject | null> {
      if (token.principalKind === 'staff') return (await staff.existsBy({ id: token.principalId })) ? { kind: 'staff', id: token.principalId } : null;
      const account = await accounts.findOneBy({ contactId: token.principalId });
      return account && contactSubject(account);
    },

    /**
     * Change one's own password; with a temporary password, this completes the enrollment. The
     * current password is a sign-in: same rate limits, and a wrong one counts toward the lockout.
     * At most PASSWORD_CHECKS_PER_KEY run at once per principal and per client address: more are
     * refused at once, so nobody fills the shared hash pool.
     */
    async changePassword(principal: Principal, currentPassword: string, newPassword: string, clientAddress: string | undefined): Promise<IssuedSession> {
      if (principal.kind !== 'staff' && principal.kind !== 'contact') throw invalidCredentials();
      const keys = [`principal:${principal.id}`, `address:${clientAddress ? rateLimitAddressKey(clientAddress) : 'unknown'}`];
      return slots.run(keys, () => (principal.kind === 'staff' ? changeStaffPassword(principal.id, currentPassword, newPassword, clientAddress) : changeContactPassword(principal, currentPassword, newPassword, clientAddress)));
    },
  };

  async function changeStaffPassword(staffId: string, currentPassword: string, newPassword: string, clientAddress: string | undefined): Promise<IssuedSession> {
    const account = await staff.findOneByOrFail({ id: staffId });
    await consumeSignInLimits(dataSource, config, clientAddress, account.email);
    if (staffLocked(account)) throw invalidCredentials();
    if (!(await verifyPassword(currentPassword, account.passwordHash))) {
      await recordStaffFailure(dataSource, config, account.id);
      throw wrongCurrentPassword();
    }
    await assertPasswordPolicy(newPassword, account.email);
    await staff.update({ id: account.id }, { passwordHash: await hashPassword(newPassword), failedAttempts: 0, lockedUntil: null });
    await sessions.revokeAllOf([account.id]);
    return sessions.issue({ kind: 'staff', id: account.id });
  }

  async function changeContactPassword(principal: Extract<Principal, { kind: 'contact' }>, currentPassword: string, newPassword: string, clientAddress: string | undefined): Promise<IssuedSession> {
    const known = await accounts.findOneBy({ contactId: principal.id });
    if (!known) throw invalidCredentials();
    await consumeSignInLimits(dataSource, config, clientAddress, known.userName);
    const outcome: { wrongPassword: number } | { account: SelfServiceAccount } = await dataSource.transaction(async (manager) => {
      const locked = await lockAccount(manager, { contactId: principal.id });
      if (!locked || (locked.status !== REGISTERED && locked.status !== REGISTRATION_PENDING)) throw invalidCredentials();
      // A change-password-only token must not outlive the temporary password it was issued for.
      if (locked.status === REGISTRATION_PENDING && locked.temporaryPasswordExpiresAt && locked.temporaryPasswordExpiresAt.getTime() <= Date.now()) throw temporaryPasswordExpired();
      const secret = await manager.findOneByOrFail(AccountSecret, { essId: locked.essId });
      const current = locked.status === REGISTRATION_PENDING ? secret.temporaryPasswordHash : secret.passwordHash;
      if (!current || !(await verifyPassword(currentPassword, current))) return { wrongPassword: locked.essId };
      await assertPasswordPolicy(newPassword, locked.userName, await previousPasswordHashes(manager, locked.essId));
      await setPassword(manager, locked, newPassword);
      await recordEvent(manager, locked, 'PASSWORD_CHANGED', clientAddress, principal);
      return { account: await manager.findOneByOrFail(SelfServiceAccount, { essId: locked.essId }) };
    });
    if ('wrongPassword' in outcome) {
      await recordFailure(outcome.wrongPassword, clientAddress, 'PASSWORD');
      throw wrongCurrentPassword();
    }
    await sessions.revokeAllOf([principal.id]);
    const subject = await contactSubject(outcome.account);
    if (!subject) throw invalidCredentials();
    return sessions.issue(subject);
  }
}

export type SignIn = ReturnType<typeof signIn>;

const wrongCurrentPassword = () =>
  new GraphQLError('The current password is not correct.', { extensions: { code: ErrorCode.BAD_USER_INPUT, invalidFields: [{ field: 'currentPassword', message: 'is not correct' }] } });

const temporaryPasswordExpired = () =>
  new GraphQLError('Your temporary password has expired. Ask an administrator of your organization to re-enroll you.', { extensions: { code: 'TEMPORARY_PASSWORD_EXPIRED' } });
