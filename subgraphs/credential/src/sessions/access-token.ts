import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { TOKEN_ALGORITHM, type AccessClaims, type ContactType } from '@ecg/policy';
import type { CredentialConfig } from '../config';
import type { KeyStore } from '../keys/key-store';

/** Who a session is for, as the next access token will say. */
export type SessionSubject =
  | {
      kind: 'contact';
      id: string;
      organizationId: string;
      contactTypes: ContactType[];
      passwordChangeRequired: boolean;
    }
  | { kind: 'staff'; id: string };

/**
 * A signed access token. `sessionId` (the refresh-token row issued with it) becomes the `sid` claim that
 * revocation names: people's tokens always carry one, so signing out can end them.
 */
export async function signAccessToken(
  keys: KeyStore,
  config: CredentialConfig,
  subject: SessionSubject | { kind: 'service'; id: string },
  ttlSeconds = config.accessTokenTtlSeconds,
  sessionId?: string,
) {
  const claims: AccessClaims =
    subject.kind === 'contact'
      ? {
          kind: 'contact',
          org: subject.organizationId,
          types: subject.contactTypes,
          ...(subject.passwordChangeRequired ? { pcr: true } : {}),
        }
      : { kind: subject.kind };
  if (subject.kind !== 'service') {
    if (!sessionId) throw new Error("A person's access token must name its session");
    claims.sid = sessionId;
  }
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: keys.kid, typ: 'at+jwt' })
    .setSubject(subject.id)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(keys.privateKey);
}
