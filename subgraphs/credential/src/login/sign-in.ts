import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { ErrorCode, type Principal } from '@ecg/shared';
import type { ContactDirectory } from '../contact-directory/contact-directory';
import { decoyHash, hashPassword, verifyPassword } from '../passwords/password-hasher';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { SessionSubject } from '../sessions/access-token';
import type { RefreshToken } from '../sessions/refresh-token.entity';
import type { IssuedSession, Sessions } from '../sessions/sessions';
import { StaffAccount } from '../staff/staff-account.entity';

/** One answer for every failed sign-in: unknown user, wrong password, locked, inactive. */
export const invalidCredentials = () =>
  new GraphQLError('Invalid user name or password.', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export const normalizeUserName = (userName: string) => userName.trim().toLowerCase();

export function signIn(dataSource: DataSource, sessions: Sessions, directory: ContactDirectory) {
  const accounts = dataSource.getRepository(SelfServiceAccount);
  const secrets = dataSource.getRepository(AccountSecret);
  const staff = dataSource.getRepository(StaffAccount);

  /** Who a contact is now, or null when it may not have a session (inactive, no longer registered). */
  async function contactSubject(account: SelfServiceAccount): Promise<SessionSubject | null> {
    if (account.status !== SelfServiceStatus.REGISTERED) return null;
    const facts = await directory(account.contactId);
    if (!facts || facts.status !== 'ACTIVE') return null;
    return { kind: 'contact', id: facts.id, organizationId: facts.organizationId, contactTypes: facts.contactTypes, passwordChangeRequired: false };
  }

  // Counters change in one statement each, so concurrent attempts are all counted.
  const recordFailure = (essId: number) =>
    accounts
      .createQueryBuilder()
      .update()
      .set({
        totalUnsuccessfulAttempts: () => 'totalUnsuccessfulAttempts + 1',
        unsuccessfulAttemptsSinceLastSuccess: () => 'unsuccessfulAttemptsSinceLastSuccess + 1',
        lastAuthenticationFailure: 'PASSWORD',
        lastAuthenticationFailureAt: new Date(),
      })
      .where({ essId })
      .execute();

  const recordSuccess = (essId: number) =>
    accounts
      .createQueryBuilder()
      .update()
      .set({
        previousLogin: () => 'lastSuccessfulLogin',
        lastSuccessfulLogin: new Date(),
        successfulLoginAttempts: () => 'successfulLoginAttempts + 1',
        unsuccessfulAttemptsSinceLastSuccess: 0,
      })
      .where({ essId })
      .execute();

  return {
    async login(userName: string, password: string): Promise<IssuedSession> {
      const name = normalizeUserName(userName);
      const staffAccount = await staff.findOneBy({ email: name });
      if (staffAccount) {
        if (!(await verifyPassword(password, staffAccount.passwordHash))) throw invalidCredentials();
        return sessions.issue({ kind: 'staff', id: staffAccount.id });
      }
      const account = await accounts.findOneBy({ userName: name });
      const secret = account && (await secrets.findOneBy({ essId: account.essId }));
      if (!account || !secret?.passwordHash) {
        await verifyPassword(password, await decoyHash());
        throw invalidCredentials();
      }
      if (!(await verifyPassword(password, secret.passwordHash))) {
        await recordFailure(account.essId);
        throw invalidCredentials();
      }
      const subject = await contactSubject(account);
      if (!subject) throw invalidCredentials();
      await recordSuccess(account.essId);
      return sessions.issue(subject);
    },

    /** For a refresh: re-read the principal, so changed types or status reach the next token. */
    async subjectFor(token: RefreshToken): Promise<SessionSubject | null> {
      if (token.principalKind === 'staff') return (await staff.existsBy({ id: token.principalId })) ? { kind: 'staff', id: token.principalId } : null;
      const account = await accounts.findOneBy({ contactId: token.principalId });
      return account && contactSubject(account);
    },

    async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<IssuedSession> {
      if (principal.kind === 'staff') {
        const account = await staff.findOneByOrFail({ id: principal.id });
        if (!(await verifyPassword(currentPassword, account.passwordHash))) throw wrongCurrentPassword();
        assertPasswordPolicy(newPassword, account.email);
        await staff.update({ id: account.id }, { passwordHash: await hashPassword(newPassword) });
        await sessions.revokeAllOf([account.id]);
        return sessions.issue({ kind: 'staff', id: account.id });
      }
      if (principal.kind !== 'contact') throw invalidCredentials();
      const account = await accounts.findOneByOrFail({ contactId: principal.id });
      const secret = await secrets.findOneByOrFail({ essId: account.essId });
      if (!secret.passwordHash || !(await verifyPassword(currentPassword, secret.passwordHash))) throw wrongCurrentPassword();
      assertPasswordPolicy(newPassword, account.userName);
      await secrets.update({ essId: account.essId }, { passwordHash: await hashPassword(newPassword) });
      await accounts.update({ essId: account.essId }, { passwordLastChanged: new Date(), passwordExpired: false });
      await sessions.revokeAllOf([principal.id]);
      const subject = await contactSubject(account);
      if (!subject) throw invalidCredentials();
      return sessions.issue(subject);
    },
  };
}

export type SignIn = ReturnType<typeof signIn>;

const wrongCurrentPassword = () =>
  new GraphQLError('The current password is not correct.', { extensions: { code: ErrorCode.BAD_USER_INPUT, invalidFields: [{ field: 'currentPassword', message: 'is not correct' }] } });

/** At least 12 characters and not the user name (the full policy comes with the self-service lifecycle). */
export function assertPasswordPolicy(password: string, userName: string): void {
  const problems: string[] = [];
  if (password.length < 12) problems.push('must be at least 12 characters');
  if (password.length > 256) problems.push('must be at most 256 characters');
  if (password.trim().toLowerCase() === userName.toLowerCase()) problems.push('must not be your user name');
  if (problems.length) {
    throw new GraphQLError(`Invalid input: newPassword: ${problems.join('; ')}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, invalidFields: problems.map((message) => ({ field: 'newPassword', message })) },
    });
  }
}
