import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import type { Principal } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import { invalidCredentials, refused, wrongCode, wrongCurrentPassword } from '../errors/credential-errors';
import { sha256 } from '../crypto/sha256';
import { AccountToken } from '../person/account-token.entity';
import type { Lockout } from '../lockout/lockout';
import { consumeSignInLimits } from '../lockout/sign-in-limits';
import { verifyPassword } from '../passwords/password-hasher';
import { provenBy, type FactorHolder, type Proven, type SecondFactorProof } from './proven';
import { AccountSecret } from '../self-service/account-secret.entity';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { isStaffHolder, staffOfHolder } from '../staff-logins/staff-second-factor';
import { staffLocked } from '../staff-logins/staff-lockout';
import { factorChangeNotices, type FactorChange } from './factor-change-notice';

const { REGISTRATION_PENDING, REGISTERED } = SelfServiceStatus;
const STEP_UP_MS = 5 * 60_000;

/** What a person gives to prove, now, that they hold a factor of their login. */
export interface StepUpProof {
  currentPassword?: string | null;
  currentCode?: string | null;
  recoveryCode?: string | null;
  /** A passkey's answer to `startStepUp`'s options, with that ceremony's token. */
  passkey?: string | null;
  stepUpToken?: string | null;
}

/** Which factor a change asks for: PASSWORD (a password change), or the strongest the login has. */
export type ProofPolicy = 'PASSWORD' | 'STRONGEST';

export interface StepUpDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  factors: {
    loginOf(principal: Principal): Promise<FactorHolder>;
    isSet(holder: number): Promise<boolean>;
    kindsOf(holder: number): Promise<string[]>;
    verify(
      holder: number,
      proof: SecondFactorProof,
      challengeToken: string,
      requireUserVerification?: boolean,
    ): Promise<string | null>;
    passkeys: { secondStepOptions(holder: number, challengeToken: string): Promise<string | null> };
  };
  lockout: Pick<Lockout, 'countWrongProof'>;
}

/**
 * The step-up gate (DESIGN.md section 8): every change of how a login proves itself (passkeys,
 * authenticator, recovery codes, password) first proves, fresh, a factor the login already has:
 * a second factor when it has one (a code, a recovery code or a passkey), else the current
 * password. Refused while the login is locked, rate-limited per login like sign-in, a wrong proof
 * counted toward the lockout, and the owner mailed after the change.
 */
export function stepUpGate(deps: StepUpDeps) {
  const { dataSource, config, factors, lockout } = deps;
  const notices = factorChangeNotices(dataSource, config);

  async function assertNotLocked(holder: FactorHolder): Promise<void> {
    if (isStaffHolder(holder.essId)) {
      const staff = await staffOfHolder(dataSource, holder.essId);
      if (!staff || staffLocked(staff)) throw refused('ACCOUNT_LOCKED', 'This login is locked.');
      return;
    }
    const login = await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId: holder.essId });
    if (!login || (login.status !== REGISTERED && login.status !== REGISTRATION_PENDING))
      throw refused('ACCOUNT_LOCKED', 'This login is locked or disabled.');
  }

  async function passwordHashOf(holder: FactorHolder): Promise<string | null> {
    if (isStaffHolder(holder.essId)) return (await staffOfHolder(dataSource, holder.essId))?.passwordHash ?? null;
    const login = await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId: holder.essId });
    const secret = await dataSource.getRepository(AccountSecret).findOneBy({ essId: holder.essId });
    return (login?.status === REGISTRATION_PENDING ? secret?.temporaryPasswordHash : secret?.passwordHash) ?? null;
  }

  /** The passkey's step-up ceremony, spent: it must be this holder's and fresh. */
  async function spendStepUpToken(holder: FactorHolder, token: string): Promise<void> {
    const spent = await dataSource.manager.update(
      AccountToken,
      {
        tokenHash: sha256(token),
        essId: holder.essId,
        purpose: 'STEPUP',
        usedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      },
      { usedAt: new Date() },
    );
    if (spent.affected !== 1) throw wrongCode('passkey');
  }

  async function checkPassword(holder: FactorHolder, password: string, address: string | undefined) {
    const hash = await passwordHashOf(holder);
    if (hash && (await verifyPassword(password, hash))) return;
    await lockout.countWrongProof(holder.essId, address, 'PASSWORD');
    throw wrongCurrentPassword();
  }

  async function checkSecondFactor(holder: FactorHolder, proof: StepUpProof, address: string | undefined) {
    let given: SecondFactorProof;
    if (proof.passkey) {
      if (!proof.stepUpToken) throw stepUpRequired(['stepUpToken']);
      await spendStepUpToken(holder, proof.stepUpToken);
      given = { passkey: proof.passkey };
    } else if (proof.currentCode) given = { code: proof.currentCode };
    else given = { recoveryCode: proof.recoveryCode! };
    // A passkey proves its holder only when its device checked who holds it (PIN, biometrics).
    if (await factors.verify(holder.essId, given, proof.stepUpToken ?? '', true)) return;
    await lockout.countWrongProof(holder.essId, address, 'SECOND_FACTOR');
    throw wrongCode('passkey' in given ? 'passkey' : 'code' in given ? 'currentCode' : 'recoveryCode');
  }

  return {
    /**
     * Prove a factor of the principal's login now, or refuse: STEP_UP_REQUIRED (no proof, or not
     * the one the login needs), a wrong proof (counted), ACCOUNT_LOCKED, RATE_LIMITED.
     */
    async prove(
      principal: Principal,
      proof: StepUpProof,
      clientAddress: string | undefined,
      policy: ProofPolicy = 'STRONGEST',
    ): Promise<Proven> {
      if (principal.kind !== 'contact' && principal.kind !== 'staff') throw invalidCredentials();
      const holder = await factors.loginOf(principal);
      await consumeSignInLimits(dataSource, config, clientAddress, holder.userName);
      await assertNotLocked(holder);
      const secondFactor = policy === 'STRONGEST' && (await factors.isSet(holder.essId));
      if (secondFactor) {
        if (!proof.currentCode && !proof.recoveryCode && !proof.passkey)
          throw stepUpRequired(['currentCode', 'recoveryCode', 'passkey']);
        await checkSecondFactor(holder, proof, clientAddress);
      } else {
        if (!proof.currentPassword) throw stepUpRequired(['currentPassword']);
        await checkPassword(holder, proof.currentPassword, clientAddress);
      }
      return provenBy(holder, principal, clientAddress);
    },

    /** Still allowed to change factors (a change finished minutes after its proof: the login may have locked since). */
    assertNotLocked,

    /** A passkey proof's first half: options signed over a fresh one-time token (5 minutes), for the login's passkeys. */
    async startPasskeyProof(principal: Principal): Promise<{ token: string; options: string | null; kinds: string[] }> {
      const holder = await factors.loginOf(principal);
      const token = randomBytes(32).toString('base64url');
      await dataSource.manager.insert(AccountToken, {
        id: randomUUID(),
        tokenHash: sha256(token),
        essId: holder.essId,
        purpose: 'STEPUP',
        expiresAt: new Date(Date.now() + STEP_UP_MS),
        usedAt: null,
      });
      const [options, kinds] = await Promise.all([
        factors.passkeys.secondStepOptions(holder.essId, token),
        factors.isSet(holder.essId).then((set) => (set ? factors.kindsOf(holder.essId) : ['PASSWORD'])),
      ]);
      return { token, options, kinds };
    },

    /** After a change the gate let through: the owner is mailed what changed, and how to act if it was not them. */
    notify: (proven: Proven, change: FactorChange) => notices.send(proven.holder, change),
    /** The same mail, for a change that completes one the gate let through earlier (an enrolment's first code). */
    notifyHolder: (holder: FactorHolder, change: FactorChange) => notices.send(holder, change),
  };
}

export type StepUpGate = ReturnType<typeof stepUpGate>;

/** No proof, or not the one this login needs: the fields that would do. */
const stepUpRequired = (fields: string[]) =>
  refused(
    'STEP_UP_REQUIRED',
    fields.includes('currentPassword')
      ? 'Enter your current password to change how you sign in.'
      : 'Confirm it is you with your authenticator app, a recovery code or a passkey to change how you sign in.',
    { invalidFields: fields.map((field) => ({ field, message: 'is required to change how you sign in' })) },
  );
