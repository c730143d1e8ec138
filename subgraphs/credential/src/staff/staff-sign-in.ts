import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';
import { invalidLink } from '../lifecycle/lifecycle-deps';
import { consumeSignInLimits } from '../login/sign-in-limits';
import { invalidCredentials } from '../login/invalid-credentials';
import type { SignInOutcome } from '../login/sign-in';
import { wrongCode, type SecondFactorProof, type SecondFactors } from '../second-factor/second-factors';
import type { Sessions } from '../sessions/sessions';
import type { StaffAccount } from './staff-account.entity';
import { clearStaffFailures, recordStaffFailure, staffLocked } from './staff-lockout';
import { staffHolder, staffOfHolder } from './staff-second-factor';

/** Which field a wrong proof names in its error. */
export const proofField = (proof: SecondFactorProof) =>
  'code' in proof ? 'code' : 'recoveryCode' in proof ? 'recoveryCode' : 'passkey';

/**
 * The second factor of a staff login: asked after the password when one is set, and required in
 * production, where a staff login with none gets only the enrolment challenge after its password
 * (no token, no right) until it sets one up, as a person of an organization that requires one.
 * A wrong code counts toward the staff lockout like a wrong password. Staff logins have no
 * panel and no security-event rows: their second-factor events are log lines (never a code).
 */
export function staffSignIn(
  dataSource: DataSource,
  config: CredentialConfig,
  sessions: Sessions,
  factors: SecondFactors,
  logger: Logger,
) {
  const session = async (account: StaffAccount): Promise<SignInOutcome> => ({
    session: await sessions.issue({ kind: 'staff', id: account.id }),
  });
  const event = (account: StaffAccount, type: string) =>
    logger.info({ staffId: account.id, event: type }, 'staff second factor');
  const signedInAs = async (holder: number) => {
    const account = await staffOfHolder(dataSource, holder);
    if (!account || staffLocked(account)) throw invalidCredentials();
    return account;
  };

  return {
    /** The password was right and the login is not locked: the second step, the enrolment, or a session. */
    async afterPassword(account: StaffAccount): Promise<SignInOutcome> {
      const holder = account.secondFactorHolder;
      // No failure is cleared by the password alone while a code is still to come.
      if (holder !== null && (await factors.isSet(holder))) {
        const token = await factors.issueChallenge(holder);
        const [kinds, passkeyOptions] = await Promise.all([
          factors.kindsOf(holder),
          factors.passkeys.secondStepOptions(holder, token),
        ]);
        return { secondFactor: { token, kinds, passkeyOptions } };
      }
      await clearStaffFailures(dataSource, account);
      if (config.production) {
        event(account, 'SECOND_FACTOR_ENROLMENT_REQUIRED');
        return {
          enrolment: { token: await factors.issueChallenge(await staffHolder(dataSource, account.id), 'ENROL') },
        };
      }
      return session(account);
    },

    /** The second step for a staff login's challenge. */
    async secondStep(
      challenge: { id: string; token: string; holder: number },
      proof: SecondFactorProof,
      clientAddress: string | undefined,
    ): Promise<SignInOutcome> {
      const account = await staffOfHolder(dataSource, challenge.holder);
      if (!account) throw invalidLink();
      await consumeSignInLimits(dataSource, config, clientAddress, account.email);
      if (staffLocked(account)) throw invalidCredentials();
      const used = await factors.verify(challenge.holder, proof, challenge.token);
      if (!used) {
        await recordStaffFailure(dataSource, config, account.id);
        event(account, 'SECOND_FACTOR_FAILED');
        throw wrongCode(proofField(proof));
      }
      await factors.spendChallenge(challenge.id);
      await clearStaffFailures(dataSource, account);
      event(account, `${used}_USED`);
      return session(account);
    },

    /** Signed in another way: right after the enrolment the password step asked for, or with a passkey alone. */
    async signedIn(holder: number, how: string): Promise<SignInOutcome> {
      const account = await signedInAs(holder);
      event(account, how);
      return session(account);
    },

    /** A wrong code given to replace the authenticator or renew recovery codes. */
    async countWrongProof(holder: number): Promise<void> {
      const account = await staffOfHolder(dataSource, holder);
      if (account) await recordStaffFailure(dataSource, config, account.id);
    },
  };
}
