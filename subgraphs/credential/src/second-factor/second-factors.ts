import { randomBytes, randomUUID } from 'node:crypto';
import { toString as qrCodeSvg } from 'qrcode';
import { IsNull, MoreThan, Not, type DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, type Principal } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import { sha256 } from '../crypto/sha256';
import { AccountToken } from '../person/account-token.entity';
import { invalidLink, refused, wrongCode } from '../errors/credential-errors';
import { recordLoginEvent } from '../person/login-events';
import { loginEssIdOf, rememberSecondFactor } from '../person/login-rows';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { staffLocked } from '../staff-logins/staff-lockout';
import { newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactor } from './second-factor.entity';
import { secretBox } from './secret-box';
import { matchingStep, newTotpSecret, otpauthUri } from './totp';
import { Passkey } from './passkey.entity';
import { passkeys } from './passkeys';
import { StaffAccount } from '../staff-logins/staff-account.entity';
import { Proven, type FactorHolder, type SecondFactorProof } from '../gates/proven';

export type { FactorHolder, SecondFactorProof } from '../gates/proven';
import { isStaffHolder, staffHolder, staffOfHolder } from '../staff-logins/staff-second-factor';
import { withRetry, writeLock } from '@ecg/infrastructure';

/** How long the second step may wait after the password was checked. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
/** How long a started enrolment waits for its first code. */
const ENROLMENT_LIFETIME_MS = 15 * 60_000;

export type SecondFactorKind = 'TOTP' | 'PASSKEY' | 'RECOVERY_CODES';

/**
 * Authenticator codes and recovery codes of a login (the person's, DESIGN.md section 6): enrolment,
 * the check at sign-in, reset. Secrets are sealed with SECOND_FACTOR_KEY; recovery codes are kept
 * as keyed hashes; neither is ever logged or returned after enrolment.
 */
export function secondFactors(dataSource: DataSource, config: CredentialConfig) {
  const box = secretBox(config.secondFactorKey);
  const factors = dataSource.getRepository(SecondFactor);
  const codes = dataSource.getRepository(RecoveryCode);
  const challengeLogin = challengeLoginIn(dataSource);
  const keys = passkeys(dataSource, config);

  /**
   * The login an enrolment is for: the enrolment challenge's (right after the password, for a
   * person whose organization requires a second factor, or a staff login in production), else the
   * signed-in principal's. Staff logins are holders too (staff/staff-second-factor.ts).
   */
  async function loginOf(principal: Principal, enrolmentChallenge?: string | null): Promise<FactorHolder> {
    if (enrolmentChallenge) return enrolling(enrolmentChallenge);
    if (principal.kind === 'staff') {
      const account = await dataSource.getRepository(StaffAccount).findOneBy({ id: principal.id });
      if (!account) throw refused(ErrorCode.FORBIDDEN, 'Second factors are for self-service and staff logins.');
      return { essId: await staffHolder(dataSource, account.id), userName: account.email };
    }
    const membership =
      principal.kind === 'contact'
        ? await dataSource.getRepository(SelfServiceAccount).findOneBy({ contactId: principal.id })
        : null;
    if (!membership) throw refused(ErrorCode.FORBIDDEN, 'Second factors are for self-service and staff logins.');
    return (
      (membership.loginEssId === null
        ? membership
        : await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId: loginEssIdOf(membership) })) ??
      membership
    );
  }

  /** The login a challenge was issued for: a person's login row, or a staff login by its holder number. */
  /**
   * The login an enrolment challenge stands for, while the challenge still means what it meant:
   * the login has no second factor yet (one set up since is replaced only through the step-up
   * gate) and is neither locked nor disabled.
   */
  async function enrolling(challenge: string): Promise<FactorHolder> {
    const holder = await holderNumbered((await challengeLogin(challenge, 'ENROL')).essId);
    const staff = isStaffHolder(holder.essId) ? await staffOfHolder(dataSource, holder.essId) : null;
    const login = staff ? null : await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId: holder.essId });
    const usable = staff
      ? !staffLocked(staff)
      : login?.status === SelfServiceStatus.REGISTERED || login?.status === SelfServiceStatus.REGISTRATION_PENDING;
    if (!usable || (await isSet(holder.essId))) throw invalidLink();
    return holder;
  }

  async function holderNumbered(essId: number): Promise<FactorHolder> {
    const login = isStaffHolder(essId)
      ? await staffOfHolder(dataSource, essId).then((staff) => staff && { essId, userName: staff.email })
      : await dataSource.getRepository(SelfServiceAccount).findOneBy({ essId });
    if (!login) throw invalidLink();
    return login;
  }

  async function kindsOf(essId: number): Promise<SecondFactorKind[]> {
    const [factor, passkeyCount, left] = await Promise.all([
      factors.findOneBy({ essId }),
      keys.count(essId),
      codes.countBy({ essId, usedAt: IsNull() }),
    ]);
    const kinds: SecondFactorKind[] = [];
    if (factor?.totpSecret) kinds.push('TOTP');
    if (passkeyCount > 0) kinds.push('PASSKEY');
    if (left > 0) kinds.push('RECOVERY_CODES');
    return kinds;
  }

  /** Whether sign-in needs a second step for this login: an authenticator or a passkey is set (recovery codes alone are no factor). */
  async function isSet(essId: number): Promise<boolean> {
    return (await factors.countBy({ essId, totpSecret: Not(IsNull()) })) + (await keys.count(essId)) > 0;
  }

  /** Replace the login's recovery codes with ten new ones; the codes, to be shown once. */
  async function replaceRecoveryCodes(manager: EntityManager, essId: number): Promise<string[]> {
    const fresh = newRecoveryCodes();
    await manager.delete(RecoveryCode, { essId });
    await manager.insert(
      RecoveryCode,
      fresh.map((code) => ({
        id: randomUUID(),
        essId,
        codeHash: box.hashCode(normalizeRecoveryCode(code)),
        usedAt: null,
      })),
    );
    return fresh;
  }

  /**
   * The second step's check: a code of the authenticator not used before (its time step after the
   * last one accepted, set in the same UPDATE so two requests cannot both spend it), or an
   * unused recovery code (spent by the UPDATE that finds it). The kind used, or null.
   */
  async function verifyProof(
    essId: number,
    proof: SecondFactorProof,
    challengeToken: string,
    requireUserVerification = false,
  ): Promise<'TOTP' | 'RECOVERY_CODE' | 'PASSKEY' | null> {
    if ('passkey' in proof)
      return (await keys.verifySecondStep(essId, challengeToken, proof.passkey, requireUserVerification))
        ? 'PASSKEY'
        : null;
    if ('recoveryCode' in proof) {
      const spent = await codes.update(
        { essId, codeHash: box.hashCode(normalizeRecoveryCode(proof.recoveryCode)), usedAt: IsNull() },
        { usedAt: new Date() },
      );
      return spent.affected ? 'RECOVERY_CODE' : null;
    }
    const found = await factors.findOneBy({ essId });
    if (!found?.totpSecret) return null;
    const step = matchingStep(box.open(found.totpSecret, essId), proof.code);
    if (step === null || (found.totpLastStep !== null && step <= found.totpLastStep)) return null;
    const accepted = await factors
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: step })
      .where('essId = :essId AND (totpLastStep IS NULL OR totpLastStep < :step)', { essId, step })
      .execute();
    return accepted.affected === 1 ? 'TOTP' : null;
  }

  return {
    kindsOf,
    isSet,
    passkeys: keys,
    loginOf,

    /**
     * Start an authenticator enrolment: the secret (shown once), its otpauth URI and QR code.
     * Nothing changes until confirmed. Either right after the password, with the enrolment
     * challenge a required second factor asked for, or signed in with a fresh proof of a factor
     * the login already has (the step-up gate's `Proven`): a session alone is not enough.
     */
    async startTotp(
      who: Proven | { enrolmentChallenge: string },
    ): Promise<{ secret: string; otpauthUri: string; qrCodeSvg: string }> {
      const login = who instanceof Proven ? who.holder : await enrolling(who.enrolmentChallenge);
      const found = await factors.findOneBy({ essId: login.essId });
      const secret = newTotpSecret();
      const sealed = box.seal(secret, login.essId);
      if (found)
        await factors.update({ essId: login.essId }, { pendingTotpSecret: sealed, pendingStartedAt: new Date() });
      else
        await factors.insert({
          essId: login.essId,
          totpSecret: null,
          totpConfirmedAt: null,
          totpLastStep: null,
          pendingTotpSecret: sealed,
          pendingStartedAt: new Date(),
        });
      const uri = otpauthUri(secret, login.userName);
      return {
        secret,
        otpauthUri: uri,
        qrCodeSvg: await qrCodeSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      };
    },

    /** The first code confirms the enrolment: the authenticator replaces any earlier one; ten recovery codes, shown once. */
    async confirmTotp(
      principal: Principal,
      code: string,
      clientAddress: string | undefined,
      enrolmentChallenge?: string | null,
    ): Promise<{ codes: string[]; essId: number }> {
      const login = await loginOf(principal, enrolmentChallenge);
      const challenge = enrolmentChallenge ? await challengeLogin(enrolmentChallenge, 'ENROL') : null;
      const found = await factors.findOneBy({ essId: login.essId });
      if (
        !found?.pendingTotpSecret ||
        !found.pendingStartedAt ||
        found.pendingStartedAt.getTime() + ENROLMENT_LIFETIME_MS <= Date.now()
      )
        throw refused('NO_ENROLMENT', 'Start the authenticator enrolment again: none is waiting for its first code.');
      const step = matchingStep(box.open(found.pendingTotpSecret, login.essId), code);
      if (step === null) throw wrongCode('code');
      return withRetry(dataSource, async (manager) => {
        const moved = await manager.update(
          SecondFactor,
          { essId: login.essId, pendingTotpSecret: found.pendingTotpSecret! },
          {
            totpSecret: found.pendingTotpSecret,
            totpConfirmedAt: new Date(),
            totpLastStep: step,
            pendingTotpSecret: null,
            pendingStartedAt: null,
          },
        );
        if (moved.affected !== 1)
          throw refused('NO_ENROLMENT', 'Start the authenticator enrolment again: none is waiting for its first code.');
        // The enrolment challenge stood for the password step: spent with the enrolment it allowed.
        if (
          challenge &&
          (await manager.update(AccountToken, { id: challenge.id, usedAt: IsNull() }, { usedAt: new Date() }))
            .affected !== 1
        )
          throw invalidLink();
        await rememberSecondFactor(manager, login.essId);
        const fresh = await replaceRecoveryCodes(manager, login.essId);
        await recordLoginEvent(
          manager,
          login.essId,
          'SECOND_FACTOR_ENROLLED',
          clientAddress,
          challenge ? undefined : principal,
        );
        return { codes: fresh, essId: login.essId };
      });
    },

    /** Ten new recovery codes (the old ones stop working), for a login with a second factor, after a fresh proof. */
    async regenerateRecoveryCodes(proven: Proven): Promise<string[]> {
      const login = proven.holder;
      if (!(await isSet(login.essId)))
        throw refused('NO_SECOND_FACTOR', 'Set up an authenticator app or a passkey first.');
      return withRetry(dataSource, async (manager) => {
        const fresh = await replaceRecoveryCodes(manager, login.essId);
        await recordLoginEvent(
          manager,
          login.essId,
          'RECOVERY_CODES_REGENERATED',
          proven.clientAddress,
          proven.principal,
        );
        return fresh;
      });
    },

    /**
     * Remove the authenticator app, after a fresh proof. Refused (LAST_SECOND_FACTOR) when the login
     * must keep a second factor and no passkey would remain; with no factor left the recovery
     * codes go too (they are no factor alone). Checked and done in one transaction.
     */
    async removeTotp(proven: Proven, required: boolean): Promise<{ remaining: SecondFactorKind[] }> {
      const essId = proven.holder.essId;
      await withRetry(dataSource, async (manager) => {
        const factor = await manager.findOne(SecondFactor, { where: { essId }, lock: writeLock(manager) });
        if (!factor?.totpSecret) throw refused('NO_SECOND_FACTOR', 'You have no authenticator app to remove.');
        // Locked as `passkeys.remove` locks them: a passkey removed at the same time is counted right.
        const passkeysLeft = (await manager.find(Passkey, { where: { essId }, lock: writeLock(manager) })).length;
        if (required && passkeysLeft === 0)
          throw refused(
            'LAST_SECOND_FACTOR',
            'A second factor is required for your login: add a passkey or another authenticator app first.',
          );
        await manager.update(
          SecondFactor,
          { essId },
          {
            totpSecret: null,
            totpConfirmedAt: null,
            totpLastStep: null,
            pendingTotpSecret: null,
            pendingStartedAt: null,
          },
        );
        if (passkeysLeft === 0) await manager.delete(RecoveryCode, { essId });
        await recordLoginEvent(manager, essId, 'AUTHENTICATOR_REMOVED', proven.clientAddress, proven.principal);
      });
      return { remaining: await kindsOf(essId) };
    },

    verify: verifyProof,

    /** Remove every second factor of the login (Reset second factors, Re-Enroll), in the caller's transaction. */
    async reset(manager: EntityManager, essId: number): Promise<boolean> {
      const had =
        (await manager.countBy(SecondFactor, { essId, totpSecret: Not(IsNull()) })) +
          (await manager.countBy(RecoveryCode, { essId })) +
          (await manager.countBy(Passkey, { essId })) >
        0;
      await manager.delete(SecondFactor, { essId });
      await manager.delete(RecoveryCode, { essId });
      await manager.delete(Passkey, { essId });
      return had;
    },

    /**
     * A one-time challenge standing for "the password was right just now": SECOND for the second
     * step (5 minutes), ENROL for setting one up when an organization requires it (15 minutes).
     */
    async issueChallenge(essId: number, purpose: 'SECOND' | 'ENROL' = 'SECOND'): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const lifetime = purpose === 'SECOND' ? CHALLENGE_LIFETIME_MS : ENROLMENT_LIFETIME_MS;
      await dataSource.manager.insert(AccountToken, {
        id: randomUUID(),
        tokenHash: sha256(token),
        essId,
        purpose,
        expiresAt: new Date(Date.now() + lifetime),
        usedAt: null,
      });
      return token;
    },

    challengeLogin,

    /** Spend the challenge once the second factor was right; a second request with it fails. */
    async spendChallenge(id: string): Promise<void> {
      const spent = await dataSource.manager.update(AccountToken, { id, usedAt: IsNull() }, { usedAt: new Date() });
      if (spent.affected !== 1) throw invalidLink();
    },
  };
}

export type SecondFactors = ReturnType<typeof secondFactors>;

/** The challenge's login without spending it (a wrong code leaves it for the next try, counted by the lockout). */
function challengeLoginIn(dataSource: DataSource) {
  return async (token: string, purpose: 'SECOND' | 'ENROL' = 'SECOND'): Promise<{ id: string; essId: number }> => {
    const row = await dataSource.manager.findOneBy(AccountToken, {
      tokenHash: sha256(token),
      purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!row) throw invalidLink();
    return { id: row.id, essId: row.essId };
  };
}
