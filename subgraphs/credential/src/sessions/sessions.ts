import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource } from 'typeorm';
import { unauthenticated } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import { signAccessToken, type SessionSubject } from './access-token';
import { RefreshToken } from './refresh-token.entity';
import { sessionRevocations } from '../revocation/session-revocations';

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  passwordChangeRequired: boolean;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export function sessions(dataSource: DataSource, config: CredentialConfig, keys: KeyStore) {
  const tokens = dataSource.getRepository(RefreshToken);
  const revocations = sessionRevocations(dataSource, config);

  async function issue(subject: SessionSubject, familyId: string = randomUUID()): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const sessionId = randomUUID();
    await tokens.insert({
      id: sessionId,
      tokenHash: sha256(refreshToken),
      principalKind: subject.kind,
      principalId: subject.id,
      familyId,
      expiresAt: new Date(Date.now() + config.refreshTokenTtlSeconds * 1000),
      revokedAt: null,
    });
    return {
      accessToken: await signAccessToken(keys, config, subject, config.accessTokenTtlSeconds, sessionId),
      refreshToken,
      expiresIn: config.accessTokenTtlSeconds,
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
    /** Sign-out everywhere: every live refresh token of these principals stops working now. */
    revokeAllOf: async (principalIds: string[]) => {
      if (principalIds.length)
        await tokens.update({ principalId: In(principalIds), revokedAt: IsNull() }, { revokedAt: new Date() });
      await revocations.revokeAllOf(principalIds);
    },

    /**
     * Spend a refresh token once. A token presented a second time (stolen, or replayed) revokes
     * its whole family. `subjectNow` re-reads who the principal is today (types, status).
     */
    async rotate(
      refreshToken: string,
      subjectNow: (token: RefreshToken) => Promise<SessionSubject | null>,
    ): Promise<IssuedSession> {
      const token = await tokens.findOneBy({ tokenHash: sha256(refreshToken) });
      if (!token || token.expiresAt.getTime() <= Date.now())
        throw unauthenticated('The refresh token is invalid or has expired.');
      const spent = await tokens.update({ id: token.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (spent.affected !== 1) {
        await revokeFamily(token.familyId);
        throw unauthenticated('The refresh token is invalid or has expired.');
      }
      const subject = await subjectNow(token);
      if (!subject) {
        await revokeFamily(token.familyId);
        throw unauthenticated('The refresh token is invalid or has expired.');
      }
      return issue(subject, token.familyId);
    },

    async logout(refreshToken: string): Promise<void> {
      const token = await tokens.findOneBy({ tokenHash: sha256(refreshToken) });
      if (token) await revokeFamily(token.familyId);
    },
  };
}

export type Sessions = ReturnType<typeof sessions>;
