import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { TOKEN_ALGORITHM, type AccessClaims, type ContactType } from '@ecg/shared';
import type { CredentialConfig } from '../config';
import type { KeyStore } from '../keys/key-store';

/** Who a session is for, as the next access token will say. */
export type SessionSubject =
  | { kind: 'contact'; id: string; organizationId: string; contactTypes: ContactType[]; passwordChangeRequired: boolean }
  | { kind: 'staff'; id: string };

export async function signAccessToken(keys: KeyStore, config: CredentialConfig, subject: SessionSubject | { kind: 'service'; id: string }, ttlSeconds = config.accessTokenTtlSeconds) {
  const claims: AccessClaims =
    subject.kind === 'contact'
      ? { kind: 'contact', org: subject.organizationId, types: subject.contactTypes, ...(subject.passwordChangeRequired ? { pcr: true } : {}) }
      : { kind: subject.kind };
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
