import { randomBytes, randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource } from 'typeorm';
import { GraphQLError } from 'graphql';
import { unauthenticated } from '@ecg/policy';
import { refused } from '../errors/credential-errors';
import { sha256 } from '../crypto/sha256';
import type { CredentialConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import { signAccessToken, type SessionSubject } from './access-token';
import { RefreshToken } from './refresh-token.entity';
import { sessionRevocations } from './session-revocations';

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  passwordChangeRequired: boolean;
}

/** The family a new session belongs to: a new one from a password step now, or an earlier one's. */
export interface SessionFamily {
  id: string;
  /** The password step the family started with: its absolute lifetime counts from here. */
  startedAt: Date;
}

export const newFamily = (startedAt = new Date()): SessionFamily => ({ id: randomUUID(), startedAt });

/** The family a refresh token row belongs to (rows from before the column count from their creation). */
export const familyOf = (token: RefreshToken): SessionFamily => ({
  id: token.familyId,
  startedAt: token.familyStartedAt ?? token.createdAt,
});

const invalidRefreshToken = () => unauthenticated('The refresh token is invalid or has expired.');
const sessionExpired = () => refused('SESSION_EXPIRED', 'Your session has reached its time limit. Sign in again.');
/** An answer of the gate (a code the caller can act on), as opposed to a fault on the way. */
const isRefusal = (error: unknown) => error instanceof GraphQLError && error.extensions.code !== 'SERVICE_UNAVAILABLE';

/**
 * The session store: refresh tokens (stored hashed), rotation, revocation. It issues for whom it
 * is told: only the session gate (gates/session-gate.ts) calls `issue` and `rotate`, after it
 * decided that the login may hold the session.
 */
export function sessions(dataSource: DataSource, config: CredentialConfig, keys: KeyStore) {
  const tokens = dataSource.getRepository(RefreshToken);
  const revocations = sessionRevocations(dataSource, config);
  const lifetimeEnd = (family: SessionFamily) => family.startedAt.getTime() + config.sessionMaxLifetimeSeconds * 1000;

  async function issue(subject: SessionSubject, family: SessionFamily): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const sessionId = randomUUID();
    const now = Date.now();
    // Neither token outlives the family: rotation never extends a session past its absolute lifetime.
    const end = lifetimeEnd(family);
    const accessSeconds = Math.max(1, Math.min(config.accessTokenTtlSeconds, Math.floor((end - now) / 1000)));
    await tokens.insert({
      id: sessionId,
      tokenHash: sha256(refreshToken),
      principalKind: subject.kind,
      principalId: subject.id,
      familyId: family.id,
      familyStartedAt: family.startedAt,
      expiresAt: new Date(Math.min(now + config.refreshTokenTtlSeconds * 1000, end)),
      revokedAt: null,
    });
    return {
      accessToken: await signAccessToken(keys, config, subject, accessSeconds, sessionId),
      refreshToken,
      expiresIn: accessSeconds,
      passwordChangeRequired: subject.kind === 'contact' && subject.passwordChangeRequired,
    };
  }

  const revokeFamily = async (familyId: string) => {
    await tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await revocations.revokeFamilies([familyId]);
  };

  return {
    issue,
    revokeFamily,
    /** Whether the family has outlived its absolute lifetime. */
    expired: (family: SessionFamily, now = Date.now()) => lifetimeEnd(family) <= now,
    /**
     * The family of a session, by its id (an access token's `sid`); with `live`, only while that
     * refresh token is neither spent nor revoked. Null when there is none.
     */
    async familyOfSession(sessionId: string | undefined, live = true): Promise<SessionFamily | null> {
      const token = sessionId
        ? await tokens.findOneBy(live ? { id: sessionId, revokedAt: IsNull() } : { id: sessionId })
        : null;
      return token ? familyOf(token) : null;
    },
    /** Sign-out everywhere: every live refresh token of these principals stops working now. */
    revokeAllOf: async (principalIds: string[]) => {
      if (principalIds.length)
        await tokens.update({ principalId: In(principalIds), revokedAt: IsNull() }, { revokedAt: new Date() });
      await revocations.revokeAllOf(principalIds);
    },

    /**
     * Spend a refresh token once. A token presented a second time (stolen, or replayed) revokes
     * its whole family. `admit` decides, from the token, whether a session may go on and for whom
     * (the session gate); when it refuses, the family ends and its refusal is the answer.
     */
    async rotate(
      refreshToken: string,
      admit: (token: RefreshToken) => Promise<SessionSubject>,
    ): Promise<IssuedSession> {
      const token = await tokens.findOneBy({ tokenHash: sha256(refreshToken) });
      if (!token) throw invalidRefreshToken();
      if (token.expiresAt.getTime() <= Date.now())
        throw lifetimeEnd(familyOf(token)) <= Date.now() ? sessionExpired() : invalidRefreshToken();
      const spent = await tokens.update({ id: token.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (spent.affected !== 1) {
        await revokeFamily(token.familyId);
        throw invalidRefreshToken();
      }
      let subject: SessionSubject;
      try {
        subject = await admit(token);
      } catch (refusal) {
        // A refusal ends the family; a fault (another subgraph down) gives the token back, so
        // nobody is signed out by an outage.
        if (isRefusal(refusal)) await revokeFamily(token.familyId);
        else await tokens.update({ id: token.id }, { revokedAt: null });
        throw refusal;
      }
      return issue(subject, familyOf(token));
    },

    async logout(refreshToken: string): Promise<void> {
      const token = await tokens.findOneBy({ tokenHash: sha256(refreshToken) });
      if (token) await revokeFamily(token.familyId);
    },
  };
}

export type Sessions = ReturnType<typeof sessions>;
