import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ErrorCode } from '../graphql/errors';
import { ANONYMOUS, principalFromClaims, type AccessClaims, type Principal } from './principal';

/** The only signature algorithm accepted: `none`, HMAC with a public key, and the rest are refused. */
export const TOKEN_ALGORITHM = 'EdDSA';

export interface TokenSettings {
  issuer: string;
  audience: string;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

export function unauthenticated(message = 'A valid access token is required.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/**
 * Checks `Authorization: Bearer <jwt>` against the published keys. No header: anonymous (rules
 * decide what that may see). A header that does not verify: UNAUTHENTICATED, never anonymous.
 */
export function createTokenVerifier(keys: JWTVerifyGetKey, settings: TokenSettings): TokenVerifier {
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
    try {
      const { payload } = await jwtVerify(match[1], keys, { ...settings, algorithms: [TOKEN_ALGORITHM], requiredClaims: ['sub', 'exp', 'kind'] });
      return principalFromClaims(payload.sub!, payload as unknown as AccessClaims);
    } catch {
      throw unauthenticated('The access token is invalid or has expired.');
    }
  };
}

/** Verify with the keys the credential subgraph publishes (fetched once, refetched on a new key id). */
export function remoteTokenVerifier(jwksUrl: string, settings: TokenSettings): TokenVerifier {
  return createTokenVerifier(createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 }), settings);
}
