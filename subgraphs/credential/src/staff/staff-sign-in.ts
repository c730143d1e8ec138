import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';
import { invalidCredentials, invalidLink, wrongCode } from '../errors/credential-errors';
import type { SessionGate } from '../gates/session-gate';
import { proofField, type SecondFactorProof } from '../gates/proven';
import { consumeSignInLimits } from '../lockout/sign-in-limits';
import { checkStaffPassword } from './staff-password';
import type { SecondFactors } from '../second-factor/second-factors';
import { newFamily } from '../sessions/sessions';
import type { StaffAccount } from '../staff-logins/staff-account.entity';
import { clearStaffFailures, recordStaffFailure } from '../staff-logins/staff-lockout';
import { staffHolder, staffOfHolder } from '../staff-logins/staff-second-factor';

type StaffOutcome =
  | { session: Awaited<ReturnType<SessionGate['open']>> }
  | {
      secondFactor: {
        token: string;
        kinds: Awaited<ReturnType<SecondFactors['kindsOf']>>;
        passkeyOptions: string | null;
      };
    }
  | { enrolment: { token: string } };

/**
 * Staff sign-in, its own flow beside the person's: the password, the second step (required in
 * production, where a staff login with none gets only the enrolment challenge after its password),
 * a passkey alone. A wrong password or code counts toward the staff lockout. Staff logins have no
 * panel and no security-event rows: their second-factor events are log lines (never a code).
 * Every session comes from the session gate, which also refuses a locked staff login's refresh.
 */
export function staffSignIn(
  dataSource: DataSource,
  config: CredentialConfig,
  gate: SessionGate,
  factors: SecondFactors,
  logger: Logger,
) {
  const event = (account: StaffAccount, type: string) =>
    logger.info({ staffId: account.id, event: type }, 'staff second factor');
  const open = async (staff: StaffAccount, clientAddress: string | undefined): Promise<StaffOutcome> => ({
    session: await gate.open({ kind: 'staff', staff, clientAddress, family: newFamily() }),
  });
  /** The gate's login rules after a proof; a locked staff login answers like a wrong password. */
  const afterProof = async (staff: StaffAccount, clientAddress: string | undefined) => {
    try {
      return await gate.afterProof({ kind: 'staff', staff, clientAddress, family: newFamily() });
    } catch {
      throw invalidCredentials();
    }
  };

  return {
    /** The password step: checked even while locked, so a locked login answers like a wrong password, as slowly. */
    async passwordStep(
      account: StaffAccount,
      password: string,
      clientAddress: string | undefined,
    ): Promise<StaffOutcome> {
      if (!(await checkStaffPassword(dataSource, account, password))) {
        await recordStaffFailure(dataSource, config, account.id);
        throw invalidCredentials();
      }
      const next = await afterProof(account, clientAddress);
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
      if (next === 'ENROL') {
        event(account, 'SECOND_FACTOR_ENROLMENT_REQUIRED');
        return {
          enrolment: { token: await factors.issueChallenge(await staffHolder(dataSource, account.id), 'ENROL') },
        };
      }
      return open(account, clientAddress);
    },

    /** The second step for a staff login's challenge. */
    async secondStep(
      challenge: { id: string; token: string; holder: number },
      proof: SecondFactorProof,
      clientAddress: string | undefined,
    ): Promise<StaffOutcome> {
      const account = await staffOfHolder(dataSource, challenge.holder);
      if (!account) throw invalidLink();
      await consumeSignInLimits(dataSource, config, clientAddress, account.email);
      await afterProof(account, clientAddress);
      const used = await factors.verify(challenge.holder, proof, challenge.token);
      if (!used) {
        await recordStaffFailure(dataSource, config, account.id);
        event(account, 'SECOND_FACTOR_FAILED');
        throw wrongCode(proofField(proof));
      }
      await factors.spendChallenge(challenge.id);
      await clearStaffFailures(dataSource, account);
      event(account, `${used}_USED`);
      return open(account, clientAddress);
    },

    /** Signed in another way: right after the enrolment the password step asked for, or with a passkey alone. */
    async signedIn(holder: number, how: string, clientAddress: string | undefined): Promise<StaffOutcome> {
      const account = await staffOfHolder(dataSource, holder);
      if (!account) throw invalidCredentials();
      await afterProof(account, clientAddress);
      event(account, how);
      return open(account, clientAddress);
    },
  };
}

export type StaffSignIn = ReturnType<typeof staffSignIn>;
