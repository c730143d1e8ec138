import { randomUUID } from 'node:crypto';
import { IsNull, MoreThan } from 'typeorm';
import { normalizeUserName } from '../person/user-name';
import { enqueueMail } from '../mail/outbox';
import { recordVerified } from '../mail/reachability';
import { templates } from '../mail/templates';
import { assertPasswordPolicy } from '../passwords/password-policy';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { sha256 } from '../crypto/sha256';
import { HOUR, issueAccountToken } from '../person/account-events';
import { loginEssIdOf, membershipsOf } from '../person/login-rows';
import { Passkey } from '../second-factor/passkey.entity';
import { recordLoginEvent } from '../person/login-events';
import { findAccountsByUserName, lockAccount, previousPasswordHashes, setPassword } from '../person/account-store';
import { AccountToken } from '../person/account-token.entity';
import { mailContextOf, spendToken, type LifecycleDeps } from './lifecycle-deps';
import { invalidLink, refused } from '../errors/credential-errors';
import { PasswordResetRequest } from './password-reset-request.entity';
import { withRetry } from '@ecg/infrastructure';

const { DISABLED } = SelfServiceStatus;

/** What `requestPasswordReset` answers, whoever asks: it tells nobody whether the account exists. */
export const PASSWORD_RESET_ANSWER =
  'If a self-service login has this user name and an email address on record, a link to reset its password is on its way (valid 1 hour). ' +
  'If you have no email address on record, ask an administrator of your organization to re-enroll you (Find your administrator names them).';

/** Forgotten password: a one-time link (1 hour); the new password also unlocks (ESR). */
export function passwordReset(deps: LifecycleDeps) {
  const { dataSource, config, sessions } = deps;
  const mailContext = (contactId: string, organizationId: string, userName: string) =>
    mailContextOf(deps, contactId, organizationId, userName);
  return {
    /**
     * Always the same answer, after the same work for every name: the request is queued, and
     * whether the name exists is found out in the background (password-reset-queue.ts), so the
     * answer's timing tells nothing either.
     */
    async requestPasswordReset(userName: string, clientAddress?: string): Promise<string> {
      await dataSource.getRepository(PasswordResetRequest).insert({
        id: randomUUID(),
        userName: normalizeUserName(userName).slice(0, 254),
        clientAddress: clientAddress?.slice(0, 45) ?? null,
      });
      return PASSWORD_RESET_ANSWER;
    },

    /**
     * A queued request: a link (1 hour) to each real, enabled login of that name with an email on
     * record (a person registered by two organizations has a login in each; each mail names its own).
     */
    async sendResetLink(request: PasswordResetRequest): Promise<void> {
      const accounts = (await findAccountsByUserName(dataSource.manager, request.userName)).filter(
        (account) => account.status !== DISABLED,
      );
      const recipients = await Promise.all(
        accounts.map(async (account) => ({
          account,
          context: await mailContext(account.contactId, account.organizationId, account.userName),
          // A new password leaves the login's passkeys: the mail names them, so one not the owner's is seen.
          passkeys: (
            await dataSource.getRepository(Passkey).find({
              where: { essId: loginEssIdOf(account) },
              order: { createdAt: 'ASC' },
            })
          ).map((passkey) => passkey.name),
        })),
      );
      await withRetry(dataSource, async (manager) => {
        // Whoever deletes the request handles it: replicas never send one twice.
        if ((await manager.delete(PasswordResetRequest, { id: request.id })).affected !== 1) return;
        for (const { account, context, passkeys } of recipients) {
          if (!context.email) continue;
          const token = await issueAccountToken(manager, account.essId, 'RESET', HOUR);
          await enqueueMail(manager, {
            recipient: account.userName,
            ...templates.passwordReset(
              context,
              `${config.publicUrl}/self-service/reset-password?token=${token}`,
              passkeys,
            ),
          });
          await recordLoginEvent(
            manager,
            account.essId,
            'PASSWORD_RESET_REQUESTED',
            request.clientAddress ?? undefined,
          );
        }
      });
    },

    /** The reset link: a new password, which also unlocks (ESR: users unlock by resetting). */
    async resetPassword(token: string, newPassword: string, clientAddress?: string): Promise<void> {
      const tokenRow = await dataSource
        .getRepository(AccountToken)
        .findOneBy({ tokenHash: sha256(token), purpose: 'RESET', usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
      if (!tokenRow) throw invalidLink();
      const account = await dataSource.getRepository(SelfServiceAccount).findOneByOrFail({ essId: tokenRow.essId });
      // Check the policy before spending the link, so a refused password can be corrected.
      await assertPasswordPolicy(
        newPassword,
        account.userName,
        await previousPasswordHashes(dataSource.manager, account.essId),
      );
      const essId = await spendToken(deps, token, 'RESET');
      await withRetry(dataSource, async (manager) => {
        const locked = (await lockAccount(manager, { essId }))!;
        if (locked.status === DISABLED) throw refused('ACCOUNT_DISABLED', 'This self-service login is disabled.');
        await setPassword(manager, locked, newPassword);
        await recordLoginEvent(manager, essId, 'PASSWORD_RESET', clientAddress);
        // The link came by mail: the address reaches its owner.
        await recordVerified(manager, locked.userName);
      });
      await sessions.revokeAllOf((await membershipsOf(dataSource.manager, essId)).map((m) => m.contactId));
    },
  };
}
