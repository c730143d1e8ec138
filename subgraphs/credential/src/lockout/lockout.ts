import { In, IsNull, type DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { withRetry } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import { lockAccount } from '../person/account-store';
import { AccountToken } from '../person/account-token.entity';
import type { ZoneOf } from './network-zone';
import { recordLoginEvent } from '../person/login-events';
import { updateLogin } from '../person/login-rows';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { isStaffHolder, staffOfHolder } from '../staff-logins/staff-second-factor';
import { recordStaffFailure } from '../staff-logins/staff-lockout';
import { lockedMails } from './locked-mail';

const { REGISTRATION_PENDING, REGISTERED, LOCKED } = SelfServiceStatus;

/**
 * Why an attempt failed: PASSWORD, SECOND_FACTOR and ASSISTED_RESET_CODE (a wrong code of an
 * assisted reset) count toward the lock; the others are only recorded.
 */
export type FailureReason =
  'PASSWORD' | 'SECOND_FACTOR' | 'ASSISTED_RESET_CODE' | 'NO_INTERNET_ACCESS' | 'EXPIRED_TEMPORARY_PASSWORD';

/**
 * The lockout of a login, whatever proof was wrong (a password at sign-in or at a step-up, a
 * code, a recovery code, a passkey): 3 failures in a row from the internet, 5 from the internal
 * network, lock a person's login; staff logins lock softly (staff-lockout.ts).
 */
export function lockout(
  dataSource: DataSource,
  config: CredentialConfig,
  directory: Directory,
  zoneOf: ZoneOf,
  logger: Logger,
) {
  const mails = lockedMails(dataSource, config, directory, logger);

  /**
   * A failed attempt, counted under the login's row lock so concurrent ones are all counted; the
   * one that reaches the zone's threshold locks the login and queues the single lockout email.
   */
  async function recordFailure(essId: number, clientAddress: string | undefined, reason: FailureReason) {
    const threshold =
      zoneOf(clientAddress) === 'INTERNAL' ? config.lockout.internalAttempts : config.lockout.internetAttempts;
    // No other subgraph is asked inside: the attempt counts even when they are slow or down.
    const held = await withRetry(dataSource, async (manager) => {
      const account = (await lockAccount(manager, { essId }))!;
      const since = account.unsuccessfulAttemptsSinceLastSuccess + 1;
      // A wrong second factor counts like a wrong password: whoever knows the password gets as few code guesses.
      const locks =
        (reason === 'PASSWORD' || reason === 'SECOND_FACTOR' || reason === 'ASSISTED_RESET_CODE') &&
        since >= threshold &&
        (account.status === REGISTERED || account.status === REGISTRATION_PENDING);
      await updateLogin(manager, essId, {
        totalUnsuccessfulAttempts: () => 'totalUnsuccessfulAttempts + 1',
        unsuccessfulAttemptsSinceLastSuccess: () => 'unsuccessfulAttemptsSinceLastSuccess + 1',
        ...(reason === 'SECOND_FACTOR'
          ? { secondFactorUnsuccessfulAttempts: () => 'secondFactorUnsuccessfulAttempts + 1' }
          : {}),
        lastAuthenticationFailure: reason,
        lastAuthenticationFailureAt: new Date(),
        ...(locks ? { status: LOCKED } : {}),
      });
      await recordLoginEvent(manager, essId, 'LOGIN_FAILED', clientAddress);
      if (reason === 'SECOND_FACTOR') await recordLoginEvent(manager, essId, 'SECOND_FACTOR_FAILED', clientAddress);
      if (locks) {
        // A new lock: unlock links mailed for an earlier one must not open it, and an assisted
        // reset's code being guessed at stops working with it (the administrator gives a new one).
        await manager.update(
          AccountToken,
          { essId, purpose: In(['UNLOCK', 'ASSISTED']), usedAt: IsNull() },
          { usedAt: new Date() },
        );
        await recordLoginEvent(manager, essId, 'LOCKED', clientAddress);
        return { outboxId: await mails.queue(manager, account), account };
      }
      return null;
    });
    if (held) await mails.complete(held.outboxId, held.account);
  }

  return {
    recordFailure,

    /** A wrong proof of a holder (a person's login, or a staff login by its holder number). */
    async countWrongProof(holder: number, clientAddress: string | undefined, reason: 'PASSWORD' | 'SECOND_FACTOR') {
      if (!isStaffHolder(holder)) return recordFailure(holder, clientAddress, reason);
      const staff = await staffOfHolder(dataSource, holder);
      if (staff) await recordStaffFailure(dataSource, config, staff.id);
    },

    /** The proof was right: counters and the event on every panel the person has confirmed. */
    async recordSuccess(essId: number, clientAddress: string | undefined): Promise<void> {
      await withRetry(dataSource, async (manager) => {
        await updateLogin(manager, essId, {
          previousLogin: () => 'lastSuccessfulLogin',
          lastSuccessfulLogin: new Date(),
          successfulLoginAttempts: () => 'successfulLoginAttempts + 1',
          unsuccessfulAttemptsSinceLastSuccess: 0,
          secondFactorUnsuccessfulAttempts: 0,
        });
        await recordLoginEvent(manager, essId, 'LOGIN_SUCCEEDED', clientAddress);
      });
    },
  };
}

export type Lockout = ReturnType<typeof lockout>;
