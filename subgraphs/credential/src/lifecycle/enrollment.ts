import { IsNull } from 'typeorm';
import { notFound, type Principal } from '@ecg/shared';
import { normalizeUserName } from '../login/user-name';
import { enqueueMail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { hashPassword } from '../passwords/password-hasher';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { HOUR, recordEvent, temporaryPassword } from './account-events';
import { lockAccount } from './account-store';
import { AccountToken } from './account-token.entity';
import { mailContextOf, refused, type LifecycleDeps } from './lifecycle-deps';

const { REGISTRATION_PENDING, DISABLED } = SelfServiceStatus;

/** The Register and Re-Enroll buttons: a temporary password (24 hours), mailed with the change. */
export function enrollment(deps: LifecycleDeps) {
  const { dataSource, directory, sessions } = deps;
  const mailContext = (contactId: string, organizationId: string, userName: string) => mailContextOf(deps, contactId, organizationId, userName);
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
        if (await manager.existsBy(SelfServiceAccount, { userName, organizationId: facts.organizationId })) throw refused('USER_NAME_TAKEN', 'Another self-service login of this organization already uses this email address as its user name.');
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
      // A login disabled because its contact went inactive comes back once the contact is active again.
      const reactivated = existing.status === DISABLED && (await directory.contact(contactId))?.status === 'ACTIVE';
      const context = await mailContext(contactId, existing.organizationId, existing.userName);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const expiresAt = new Date(Date.now() + 24 * HOUR);
      const account = await dataSource.transaction(async (manager) => {
        const locked = (await lockAccount(manager, { contactId }))!;
        if (locked.status === DISABLED && !reactivated) throw refused('ACCOUNT_DISABLED', 'The contact is inactive; activate it before re-enrolling.');
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

  };
}
