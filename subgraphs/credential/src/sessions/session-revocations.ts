import { In, LessThan, MoreThan, type DataSource } from 'typeorm';
import {
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_REVOCATION_POLL_SECONDS,
  sessionHash,
  type RevocationSnapshot,
} from '@ecg/policy';
import type { CredentialConfig } from '../config';
import { RefreshToken } from './refresh-token.entity';
import { SessionRevocation } from './session-revocation.entity';

/**
 * The sessions that have ended, by the hash of their id. A session here is what one access token
 * was issued with: the refresh-token row written beside it (its id is the token's `sid`), so
 * ending the access tokens of a person never stops a refresh that reads the person again. Written on every event that must end
 * access tokens (sign-out, password change, re-enroll, reset, a contact deactivated or losing a
 * type), read by this subgraph at once for its mutations and published to every other verifier.
 */
export function sessionRevocations(
  dataSource: DataSource,
  config: Pick<CredentialConfig, 'accessTokenTtlSeconds' | 'auth'>,
) {
  const rows = dataSource.getRepository(SessionRevocation);
  // An access token lives this long after its session's last refresh-token row was written.
  const lifetimeMs = (config.accessTokenTtlSeconds + CLOCK_TOLERANCE_SECONDS) * 1000;
  let prunedAt = 0;

  async function revoke(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const now = new Date();
    const values = [...new Set(sessionIds)].map((id) => ({
      sessionHash: sessionHash(id),
      revokedAt: now,
      expiresAt: new Date(now.getTime() + lifetimeMs),
    }));
    await dataSource.createQueryBuilder().insert().into(SessionRevocation).values(values).orIgnore().execute();
  }

  /** The sessions (refresh-token rows) issued within an access-token lifetime that match `where`: those whose access tokens may be alive. */
  async function liveSessions(
    where: { familyId?: ReturnType<typeof In>; principalId?: ReturnType<typeof In> },
    before?: Date,
  ): Promise<string[]> {
    const query = dataSource
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .where({ ...where, createdAt: MoreThan(new Date(Date.now() - lifetimeMs)) });
    if (before) query.andWhere('t.createdAt <= :before', { before });
    return (await query.getRawMany<{ id: string }>()).map((r) => r.id);
  }

  return {
    revoke,

    /** Sign-out, or a refresh token replayed: every access token of these sign-ins. */
    revokeFamilies: async (familyIds: string[]) => {
      if (familyIds.length) await revoke(await liveSessions({ familyId: In(familyIds) }));
    },

    /**
     * Every access token of these principals issued so far (a password change, re-enroll, reset,
     * deactivation, a contact type taken away). Refresh tokens are not touched here: the next
     * refresh reads the principal again and issues a token of a new session, or refuses.
     */
    revokeAllOf: async (principalIds: string[], before?: Date) => {
      if (principalIds.length) await revoke(await liveSessions({ principalId: In(principalIds) }, before));
    },

    /** From the database, now: for mutations, which must not wait for the list to be polled. */
    isRevokedNow: (sessionId: string) => rows.existsBy({ sessionHash: sessionHash(sessionId) }),
    isHashRevokedNow: (hash: string) => rows.existsBy({ sessionHash: hash }),

    /** What `/.well-known/revocations.json` publishes: the sessions whose tokens may still be alive. */
    async snapshot(): Promise<RevocationSnapshot> {
      const now = Date.now();
      if (now - prunedAt > 60_000) {
        prunedAt = now;
        await rows.delete({ expiresAt: LessThan(new Date(now - 24 * 3600_000)) });
      }
      const live = await rows.find({ select: { sessionHash: true }, where: { expiresAt: MoreThan(new Date(now)) } });
      return {
        pollSeconds: config.auth.revocationPollSeconds ?? DEFAULT_REVOCATION_POLL_SECONDS,
        sessions: live.map((r) => r.sessionHash),
      };
    },
  };
}

export type SessionRevocations = ReturnType<typeof sessionRevocations>;
