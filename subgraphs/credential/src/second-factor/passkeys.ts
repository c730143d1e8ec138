import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { withRetry, writeLock } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';
import { sha256 } from '../crypto/sha256';
import { AccountToken } from '../person/account-token.entity';
import { rememberSecondFactor } from '../person/login-rows';
import { invalidLink, refused } from '../errors/credential-errors';
import { Passkey } from './passkey.entity';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactor } from './second-factor.entity';
import type { Proven } from '../gates/proven';

const RP_NAME = 'Secure Employer Website';
// Loaded at the first ceremony: most processes (and test files) never see a passkey, and the
// library costs about a tenth of a second to load.
const webauthn = () => import('@simplewebauthn/server');
const CEREMONY_MS = 5 * 60_000;

/**
 * The WebAuthn challenge of a one-time token the server issued: its SHA-256. The browser signs it,
 * so an assertion answers that token and no other, and nothing more has to be stored.
 */
const challengeBytes = (token: string) => new Uint8Array(createHash('sha256').update(token).digest());
/** What the browser's clientDataJSON carries for that challenge. */
export const webauthnChallengeOf = (token: string) => createHash('sha256').update(token).digest('base64url');

const parseJson = <T>(text: string, field: string): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw refused('BAD_USER_INPUT', `${field} is not a WebAuthn response.`);
  }
};

/** Passkeys with @simplewebauthn/server: registration of several, and the checks of sign-in. */
export function passkeys(dataSource: DataSource, config: CredentialConfig) {
  const rows = dataSource.getRepository(Passkey);
  const { rpId, origins } = config.webauthn;

  /** The pending ceremony a challenge belongs to (purpose PASSKEY: registration), unspent. */
  async function spendCeremony(token: string, purpose: 'PASSKEY' | 'PASSKEYIN'): Promise<AccountToken> {
    const row = await dataSource.manager.findOneBy(AccountToken, {
      tokenHash: sha256(token),
      purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    const spent =
      row && (await dataSource.manager.update(AccountToken, { id: row.id, usedAt: IsNull() }, { usedAt: new Date() }));
    if (!row || spent?.affected !== 1) throw invalidLink();
    return row;
  }

  async function issueCeremony(essId: number, purpose: 'PASSKEY' | 'PASSKEYIN'): Promise<string> {
    const token = randomUUID() + randomUUID();
    await dataSource.manager.insert(AccountToken, {
      id: randomUUID(),
      tokenHash: sha256(token),
      essId,
      purpose,
      expiresAt: new Date(Date.now() + CEREMONY_MS),
      usedAt: null,
    });
    return token;
  }

  /** Check an assertion against one of the login's passkeys (any login's when `essId` is null); the passkey, or null. */
  async function checkAssertion(
    essId: number | null,
    challengeToken: string,
    assertionJson: string,
    requireUserVerification: boolean,
  ): Promise<Passkey | null> {
    const response = parseJson<AuthenticationResponseJSON>(assertionJson, 'passkey');
    if (typeof response?.id !== 'string') return null;
    const passkey = await rows.findOneBy(
      essId === null ? { credentialId: response.id } : { credentialId: response.id, essId },
    );
    if (!passkey) return null;
    try {
      const { verified, authenticationInfo } = await (
        await webauthn()
      ).verifyAuthenticationResponse({
        response,
        expectedChallenge: webauthnChallengeOf(challengeToken),
        expectedOrigin: origins,
        expectedRPID: rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: Buffer.from(passkey.publicKey, 'base64url'),
          counter: passkey.signCount,
          transports: passkey.transports?.split(','),
        },
        requireUserVerification,
      });
      if (!verified) return null;
      // A counter that went backwards means a cloned authenticator; the update refuses it (0 stays 0 for passkeys that keep none).
      const moved = await rows
        .createQueryBuilder()
        .update()
        .set({ signCount: authenticationInfo.newCounter, lastUsedAt: new Date() })
        .where('id = :id AND (signCount < :n OR :n = 0)', { id: passkey.id, n: authenticationInfo.newCounter })
        .execute();
      return moved.affected === 1 ? passkey : null;
    } catch {
      // A malformed or forged response: a failed check, like a wrong code.
      return null;
    }
  }

  return {
    list: (essId: number) => rows.find({ where: { essId }, order: { createdAt: 'ASC' } }),
    count: (essId: number) => rows.countBy({ essId }),

    /** Options for `navigator.credentials.create`, and the token that finishes the registration. */
    async startRegistration(proven: Proven): Promise<{ token: string; options: string }> {
      const { essId, userName } = proven.holder;
      const token = await issueCeremony(essId, 'PASSKEY');
      const existing = await rows.findBy({ essId });
      const options = await (
        await webauthn()
      ).generateRegistrationOptions({
        rpName: RP_NAME,
        rpID: rpId,
        userName,
        userID: new TextEncoder().encode(`login:${essId}`),
        challenge: challengeBytes(token),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.credentialId })),
        // Discoverable, so the person can sign in with it alone if they choose so.
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      return { token, options: JSON.stringify(options) };
    },

    /** The browser's answer to `startRegistration`: the passkey, kept under the person's name for it. */
    async finishRegistration(
      essId: number,
      token: string,
      responseJson: string,
      name: string,
      passwordless: boolean,
    ): Promise<Passkey> {
      const row = await spendCeremony(token, 'PASSKEY');
      if (row.essId !== essId) throw invalidLink();
      const response = parseJson<RegistrationResponseJSON>(responseJson, 'response');
      let verification;
      try {
        verification = await (
          await webauthn()
        ).verifyRegistrationResponse({
          response,
          expectedChallenge: webauthnChallengeOf(token),
          expectedOrigin: origins,
          expectedRPID: rpId,
          // Signing in without the password needs the device to check who holds it (PIN, biometrics).
          requireUserVerification: passwordless,
        });
      } catch {
        throw refused('BAD_USER_INPUT', 'The passkey could not be verified.');
      }
      if (!verification.verified) throw refused('BAD_USER_INPUT', 'The passkey could not be verified.');
      const { credential } = verification.registrationInfo;
      const passkey = rows.create({
        id: randomUUID(),
        essId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        signCount: credential.counter,
        transports: credential.transports?.join(',') ?? null,
        name,
        passwordless,
        lastUsedAt: null,
      });
      await dataSource.transaction(async (manager) => {
        await manager.insert(Passkey, passkey);
        await rememberSecondFactor(manager, essId);
      });
      return rows.findOneByOrFail({ id: passkey.id });
    },

    /** Options for `navigator.credentials.get` in the second step: signed over the second-factor challenge. */
    async secondStepOptions(essId: number, challengeToken: string): Promise<string | null> {
      const own = await rows.findBy({ essId });
      if (!own.length) return null;
      return JSON.stringify(
        await (
          await webauthn()
        ).generateAuthenticationOptions({
          rpID: rpId,
          challenge: challengeBytes(challengeToken),
          allowCredentials: own.map((p) => ({ id: p.credentialId, transports: p.transports?.split(',') as never })),
          userVerification: 'preferred',
        }),
      );
    },

    /** Passkey-only sign-in, first half: options naming no one (the authenticator offers its own passkeys). */
    async startSignIn(): Promise<{ token: string; options: string }> {
      const token = await issueCeremony(0, 'PASSKEYIN');
      const options = await (
        await webauthn()
      ).generateAuthenticationOptions({
        rpID: rpId,
        challenge: challengeBytes(token),
        userVerification: 'required',
      });
      return { token, options: JSON.stringify(options) };
    },

    /** Passkey-only sign-in, second half: the passkey, if it signs in alone (the device verified its holder). */
    async finishSignIn(token: string, assertionJson: string): Promise<Passkey | null> {
      await spendCeremony(token, 'PASSKEYIN');
      const passkey = await checkAssertion(null, token, assertionJson, true);
      return passkey?.passwordless ? passkey : null;
    },

    /** The second step with a passkey: signed over the second-factor challenge, by one of this login's passkeys. */
    verifySecondStep: (essId: number, challengeToken: string, assertionJson: string, requireUserVerification = false) =>
      checkAssertion(essId, challengeToken, assertionJson, requireUserVerification),

    async rename(essId: number, id: string, name: string): Promise<Passkey> {
      const updated = await rows.update({ id, essId }, { name });
      if (!updated.affected) throw refused('NOT_FOUND', 'You have no such passkey.');
      return rows.findOneByOrFail({ id });
    },

    /** Remove one of the proven login's passkeys; the one removed. */
    /**
     * Remove one of the login's passkeys. Refused (LAST_SECOND_FACTOR) when the login must keep a
     * second factor and neither another passkey nor an authenticator app would remain; with no
     * factor left the recovery codes go too, as when the app is removed (`removeTotp`).
     */
    async remove(proven: Proven, id: string, required: boolean): Promise<Passkey> {
      const essId = proven.holder.essId;
      return withRetry(dataSource, async (manager) => {
        // The app's row, then the passkeys, locked in the order removeTotp takes them: two removals
        // at once wait for each other instead of each counting the factor the other removes.
        const factor = await manager.findOne(SecondFactor, { where: { essId }, lock: writeLock(manager) });
        const own = await manager.find(Passkey, { where: { essId }, lock: writeLock(manager) });
        const found = own.find((p) => p.id === id);
        if (!found) throw refused('NOT_FOUND', 'You have no such passkey.');
        const factorsLeft = own.length - 1 + (factor?.totpSecret ? 1 : 0);
        if (required && factorsLeft === 0)
          throw refused(
            'LAST_SECOND_FACTOR',
            'A second factor is required for your login: set up an authenticator app or add another passkey first.',
          );
        await manager.delete(Passkey, { id, essId });
        if (factorsLeft === 0) await manager.delete(RecoveryCode, { essId });
        return found;
      });
    },
  };
}

export type Passkeys = ReturnType<typeof passkeys>;
