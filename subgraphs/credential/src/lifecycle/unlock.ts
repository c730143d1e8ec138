import type { Principal } from '@ecg/policy';
import { enqueueMail } from '../mail/outbox';
import { recordVerified } from '../mail/reachability';
import { templates } from '../mail/templates';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { HOUR, issueAccountToken, recordEvent } from '../person/account-events';
import { awaitsConfirmation, loginEssIdOf, updateLogin } from '../person/login-rows';
import { recordLoginEvent } from '../person/login-events';
import { lockAccount } from '../person/account-store';
import { assertMayResetLogin } from '../person/stronger-credential';
import { mailContextOf, spendToken, type LifecycleDeps } from './lifecycle-deps';
import { invalidLink, refused } from '../errors/credential-errors';
import { withRetry } from '@ecg/infrastructure';

const { REGISTRATION_PENDING, REGISTERED, LOCKED } = SelfServiceStatus;

/** The Unlock button and the link it mails: the owner finishes unlocking within 24 hours. */
export function unlocking(deps: LifecycleDeps) {
  const { dataSource, config } = deps;
  const mailContext = (contactId: string, organizationId: string, userName: string) =>
    mailContextOf(deps, contactId, organizationId, userName);
  return {
    /** Unlock (only when locked): the owner gets a one-time link (24 hours) that finishes it. */
    async unlock(contactId: string, actor: Principal, clientAddress?: string): Promise<SelfServiceAccount> {
      const existing = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId });
      if (!existing) throw refused('NOT_REGISTERED', 'This contact has no self-service login.');
      const context = await mailContext(contactId, existing.organizationId, existing.userName);
      return withRetry(dataSource, async (manager) => {
        // The person's login, whichever of its organizations pressed the button; a membership the
        // person has not confirmed shows its own (pending) state, never the login's lock.
        const locked = (await lockAccount(manager, { essId: loginEssIdOf(existing) }))!;
        assertMayResetLogin(actor, locked);
        if (awaitsConfirmation(existing) || locked.status !== LOCKED)
          throw refused('NOT_LOCKED', 'This self-service login is not locked.');
        const token = await issueAccountToken(manager, locked.essId, 'UNLOCK', 24 * HOUR);
        await enqueueMail(manager, {
          recipient: locked.userName,
          ...templates.unlock(context, `${config.publicUrl}/self-service/unlock?token=${token}`),
        });
        // Audited in the panel of the organization that pressed it.
        await recordEvent(manager, existing, 'UNLOCK_REQUESTED', clientAddress, actor);
        return manager.findOneByOrFail(SelfServiceAccount, { essId: existing.essId });
      });
    },

    /** What the unlock email's link calls: the login opens again and the failure count restarts. */
    async completeUnlock(token: string, clientAddress?: string): Promise<void> {
      const essId = await spendToken(deps, token, 'UNLOCK');
      await withRetry(dataSource, async (manager) => {
        const account = (await lockAccount(manager, { essId }))!;
        // The lock the link was made for has ended (a reset, a re-enrollment): the link with it.
        if (account.status !== LOCKED) throw invalidLink();
        await updateLogin(manager, essId, {
          status: account.enrollmentCompleted ? REGISTERED : REGISTRATION_PENDING,
          unsuccessfulAttemptsSinceLastSuccess: 0,
        });
        await recordLoginEvent(manager, essId, 'UNLOCKED', clientAddress);
        // The link came by mail: the address reaches its owner.
        await recordVerified(manager, account.userName);
      });
    },
  };
}
