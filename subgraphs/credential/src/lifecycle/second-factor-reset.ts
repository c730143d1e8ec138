import type { Principal } from '@ecg/policy';
import { recordEvent } from '../person/account-events';
import { assertMayResetLogin } from '../person/stronger-credential';
import { mailContextOf, type LifecycleDeps } from './lifecycle-deps';
import { refused } from '../errors/credential-errors';
import { lockAccount } from '../person/account-store';
import { enqueueMail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { awaitsConfirmation, loginEssIdOf, membershipsOf } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { withRetry } from '@ecg/infrastructure';

/** The panel's "Reset second factors" button. */
export function secondFactorReset(deps: LifecycleDeps) {
  const { dataSource, config, factors, sessions } = deps;
  return {
    /**
     * Remove the login's authenticator and recovery codes (the person lost the phone): the person
     * signs in with the password alone and sets up a new one. The person is told by email, and
     * their sessions end, so whoever had the old device is out too.
     */
    async resetSecondFactors(contactId: string, actor: Principal, clientAddress?: string): Promise<SelfServiceAccount> {
      const existing = await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId });
      if (!existing) throw refused('NOT_REGISTERED', 'This contact has no self-service login.');
      const loginEssId = loginEssIdOf(existing);
      const context = await mailContextOf(deps, contactId, existing.organizationId, existing.userName);
      const account = await withRetry(dataSource, async (manager) => {
        const login = (await lockAccount(manager, { essId: loginEssId }))!;
        // The reset-only role never touches a login that has (or had) a second factor.
        assertMayResetLogin(actor, login);
        // A membership the person has not confirmed acts on nothing of the login's (as Unlock).
        if (awaitsConfirmation(existing) || !(await factors.reset(manager, login.essId)))
          throw refused('NO_SECOND_FACTOR', 'This login has no second factor to reset.');
        await enqueueMail(manager, {
          recipient: login.userName,
          ...templates.secondFactorsReset(context, `${config.publicUrl}/sign-in`),
        });
        await recordEvent(manager, existing, 'SECOND_FACTORS_RESET', clientAddress, actor);
        return manager.findOneByOrFail(SelfServiceAccount, { essId: existing.essId });
      });
      await sessions.revokeAllOf((await membershipsOf(dataSource.manager, loginEssId)).map((m) => m.contactId));
      return account;
    },
  };
}
