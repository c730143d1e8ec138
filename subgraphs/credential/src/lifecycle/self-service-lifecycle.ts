import { GraphQLError } from 'graphql';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { notFound, type Principal } from '@ecg/shared';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import { previousPasswordHashes, lockAccount, normalizeUserName, setPassword } from '../login/sign-in';
import { enqueueMail } from '../mail/outbox';
import { templates, type MailContext } from '../mail/templates';
import { hashPassword } from '../passwords/password-hasher';
import { assertPasswordPolicy } from '../passwords/password-policy';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import type { Sessions } from '../sessions/sessions';
import { HOUR, issueAccountToken, recordEvent, sha256, temporaryPassword } from './account-events';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';

const { REGISTRATION_PENDING, REGISTERED, LOCKED, DISABLED } = SelfServiceStatus;

/** An action the account's state forbids: its own code, and nothing changes. */
const refused = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

/** What `requestPasswordReset` answers, whoever asks: it tells nobody whether the account exists. */
export const PASSWORD_RESET_ANSWER =
  'If a self-service login has this user name and an email address on record, a link to reset its password is on its way (valid 1 hour). ' +
  'If you have no email address on record, ask an administrator of your organization (see findAdministrators) to re-enroll you.';

export function selfServiceLifecycle(dataSource: DataSource, config: CredentialConfig, directory: Directory, sessions: Sessions) {
  async function mailContext(contactId: string, organizationId: string, userName: string): Promise<MailContext & { email: string | null }> {
    const [facts, organization] = await Promise.all([directory.contact(contactId), directory.organization(organizationId)]);
    return { fullName: facts?.fullName ?? userName, organization: organization?.displayName ?? 'your organization', userName, email: facts?.primaryEmail ?? null };
  }

  /** Spend a one-time link token once; the account it belongs to, or INVALID_TOKEN. */
  async function spendToken(token: string, purpose: AccountTokenPurpose) {
    const row = await dataSource.getRepository(AccountToken).findOneBy({ tokenHash: sha256(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
    const spent = row && (await dataSource.getRepository(AccountToken).update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() }));
    if (!row || spent?.affected !== 1) throw refused('INVALID_TOKEN', 'This link is invalid, was already used, or has expired.');
    return row.essId;
  }

  return {
    /** Register: the contact gets a login and an email with a temporary password (24 hours). */
    async register(contactId: string, actor: Principal, clientAddress?: string): Promise<SelfServiceAccount> {
      const facts = await directory.contact(contactId);
      if (!facts) throw notFound('Contact');
      if (facts.status !== 'ACTIVE') throw refused('CONTACT_INACTIVE', 'Only an active contact can be registered.');
      if (!facts.primaryEmail) throw refused('NO_EMAIL', 'The contact has no primary email address to send the temporary password to.');
      const userName = normalizeUserName(facts.primaryEmail);
      const context = await mailContext(contactId, facts.organizationId, userName);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const expiresAt = new Date(Date.now() + 24 * HOUR);
      return dataSource.transaction(async (manager) => {
        if (await manager.existsBy(SelfServiceAccount, { contactId })) throw refused('ALREADY_REGISTERED', 'This contact is already registered; use Re-Enroll for a new temporary password.');
        if (await manager.existsBy(SelfServiceAccount, { userName })) throw refused('USER_NAME_TAKEN', 'Another self-service login already uses this email address as its user name.');
        const inserted = await manager.insert(SelfServiceAccount, {
          contactId, organizationId: facts.organizationId, userName, status: REGISTRATION_PENDING, temporaryPasswordSet: true, temporaryPasswordExpiresAt: expiresAt,
          passwordExpired: true, enrollmentCompleted: false, reenrolled: false,
        });
        const essId = inserted.identifiers[0].essId as number;
        await manager.insert(AccountSecret, { essId, temporaryPasswordHash: passwordHash, passwordHash: null });
        const account = await manager.findOneByOrFail(SelfServiceAccount, { essId });
        await enqueueMail(manager, { recipient: facts.primaryEmail!, ...templates.registered(context, password, expiresAt) });
        await recordEvent(manager, account, 'REGISTERED', clientAddress, actor);
        return account;
      });
    },

    /** Re-Enroll: a fresh temporary password; the old password and the old temporary one stop working. */
    async reEnroll(contactId: string, actor: Principal, clientAddress?: string): Promise<SelfServiceAccount> {
      const existing = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId });
      if (!existing) throw refused('NOT_REGISTERED', 'This contact has no self-service login yet; use Register.');
      const context = await mailContext(contactId, existing.organizationId, existing.userName);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const expiresAt = new Date(Date.now() + 24 * HOUR);
      const account = await dataSource.transaction(async (manager) => {
        const locked = (await lockAccount(manager, { contactId }))!;
        if (locked.status === DISABLED) throw refused('ACCOUNT_DISABLED', 'The contact is inactive; activate it before re-enrolling.');
        await manager.update(AccountSecret, { essId: locked.essId }, { temporaryPasswordHash: passwordHash, passwordHash: null });
        await manager.update(SelfServiceAccount, { essId: locked.essId }, {
          status: REGISTRATION_PENDING, enrollmentCompleted: false, reenrolled: true, temporaryPasswordSet: true, temporaryPasswordExpiresAt: expiresAt,
          passwordExpired: true, unsuccessfulAttemptsSinceLastSuccess: 0,
        });
        await manager.update(AccountToken, { essId: locked.essId, usedAt: IsNull() }, { usedAt: new Date() });
        await enqueueMail(manager, { recipient: context.email ?? locked.userName, ...templates.reEnrolled(context, password, expiresAt) });
        await recordEvent(manager, locked, 'RE_ENROLLED', clientAddress, actor);
        return manager.findOneByOrFail(SelfServiceAccount, { essId: locked.essId });
      });
      await sessions.revokeAllOf([contactId]);
      return account;
    },

    /** Unlock (only when locked): the owner gets a one-time link (24 hours) that finishes it. */
    async unlock(contactId: string, actor: Principal, clientAddress?: string): Promise<SelfServiceAccount> {
      const existing = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId });
      if (!existing) throw refused('NOT_REGISTERED', 'This contact has no self-service login.');
      const context = await mailContext(contactId, existing.organizationId, existing.userName);
      return dataSource.transaction(async (manager) => {
        const locked = (await lockAccount(manager, { contactId }))!;
        if (locked.status !== LOCKED) throw refused('NOT_LOCKED', 'This self-service login is not locked.');
        const token = await issueAccountToken(manager, locked.essId, 'UNLOCK', 24 * HOUR);
        await enqueueMail(manager, { recipient: context.email ?? locked.userName, ...templates.unlock(context, `${config.publicUrl}/self-service/unlock?token=${token}`) });
        await recordEvent(manager, locked, 'UNLOCK_REQUESTED', clientAddress, actor);
        return locked;
      });
    },

    /** What the unlock email's link calls: the login opens again and the failure count restarts. */
    async completeUnlock(token: string, clientAddress?: string): Promise<void> {
      const essId = await spendToken(token, 'UNLOCK');
      await dataSource.transaction(async (manager) => {
        const account = (await lockAccount(manager, { essId }))!;
        if (account.status === LOCKED) {
          await manager.update(SelfServiceAccount, { essId }, { status: account.enrollmentCompleted ? REGISTERED : REGISTRATION_PENDING, unsuccessfulAttemptsSinceLastSuccess: 0 });
        }
        await recordEvent(manager, account, 'UNLOCKED', clientAddress);
      });
    },

    /** Always the same answer; a link (1 hour) only to a real login with an email on record. */
    async requestPasswordReset(userName: string, clientAddress?: string): Promise<string> {
      const account = await dataSource.getRepository(SelfServiceAccount).findOneBy({ userName: normalizeUserName(userName) });
      if (account && account.status !== DISABLED) {
        const context = await mailContext(account.contactId, account.organizationId, account.userName);
        if (context.email) {
          await dataSource.transaction(async (manager) => {
            const token = await issueAccountToken(manager, account.essId, 'RESET', HOUR);
            await enqueueMail(manager, { recipient: context.email!, ...templates.passwordReset(context, `${config.publicUrl}/self-service/reset-password?token=${token}`) });
            await recordEvent(manager, account, 'PASSWORD_RESET_REQUESTED', clientAddress);
          });
        }
      }
      return PASSWORD_RESET_ANSWER;
    },

    /** The reset link: a new password, which also unlocks (ESR: users unlock by resetting). */
    async resetPassword(token: string, newPassword: string, clientAddress?: string): Promise<void> {
      const tokenRow = await dataSource.getRepository(AccountToken).findOneBy({ tokenHash: sha256(token), purpose: 'RESET', usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
      if (!tokenRow) throw refused('INVALID_TOKEN', 'This link is invalid, was already used, or has expired.');
      const account = await dataSource.getRepository(SelfServiceAccount).findOneByOrFail({ essId: tokenRow.essId });
      // Check the policy before spending the link, so a refused password can be corrected.
      await assertPasswordPolicy(newPassword, account.userName, await previousPasswordHashes(dataSource.manager, account.essId));
      const essId = await spendToken(token, 'RESET');
      await dataSource.transaction(async (manager) => {
        const locked = (await lockAccount(manager, { essId }))!;
        if (locked.status === DISABLED) throw refused('ACCOUNT_DISABLED', 'This self-service login is disabled.');
        await setPassword(manager, locked, newPassword);
        await recordEvent(manager, locked, 'PASSWORD_RESET', clientAddress);
      });
      await sessions.revokeAllOf([account.contactId]);
    },

    /** Staff write the panel's messages; only staff read the internal one. */
    async setMessages(contactId: string, messages: { internalMessage: string | null; externalMessage: string | null }): Promise<SelfServiceAccount> {
      const repository = dataSource.getRepository(SelfServiceAccount);
      const account = await repository.findOneBy({ contactId });
      if (!account) throw refused('NOT_REGISTERED', 'This contact has no self-service login.');
      await repository.update({ essId: account.essId }, messages);
      return repository.findOneByOrFail({ essId: account.essId });
    },
  };
}

export type SelfServiceLifecycle = ReturnType<typeof selfServiceLifecycle>;
