import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { appError } from './errors';
import { ANONYMOUS, principalFromClaims, type AccessClaims, type Principal } from './principal';
import { remoteRevocationList, revocationsUrlFor, sessionEnded, type RevocationList } from './revocation-list';

/** The only signature algorithm accepted: `none`, HMAC with a public key, and the rest are refused. */
export const TOKEN_ALGORITHM = 'EdDSA';

/** Clocks of the signer and the verifier may differ by this much: an `iat` further ahead is refused. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenSettings {
  issuer: string;
  audience: string;
  /** Seconds between fetches of the revocation list (1-10); unset: as the publisher says. */
  revocationPollSeconds?: number;
}

/**
 * Verified tokens kept per process, so that the same token is not checked again by every request
 * (the Ed25519 signature and claims cost 0.1-0.2 ms, four times per page through the gateway).
 * Bounded in number, and each entry lives until the token's `exp` but at most
 * `TOKEN_CACHE_MAX_SECONDS`, so a key withdrawn from the JWKS stops a cached token about as soon as
 * it stops a new one. What can change while a token is valid, its session ending, is checked
 * against the revocation list on every request, cached or not.
 */
export const TOKEN_CACHE_MAX_ENTRIES = 10_000;
export const TOKEN_CACHE_MAX_SECONDS = 60;

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

export function unauthenticated(message = 'A valid access token is required.'): GraphQLError {
  return appError('UNAUTHENTICATED', message, { httpStatus: true });
}

/**
 * The keys could not be fetched (the publisher is down, slow, or answers garbage): nothing is known
 * about the token either way. Clients must keep it and try again, not discard it as they would
 * on UNAUTHENTICATED; so this is SERVICE_UNAVAILABLE with HTTP 503.
 */
export function keysUnavailable(): GraphQLError {
  return appError(
    'SERVICE_UNAVAILABLE',
    'Access tokens cannot be checked right now; keep the token and try again shortly.',
    { httpStatus: true },
  );
}

/** What a key getter throws when the key set could not be had, as opposed to a token it has no key for. */
class KeySetUnavailable extends Error {}

/**
 * The key getter, with "no key set" told apart from "no such key": a token naming a key the
 * publisher does not have (JWKSNoMatchingKey, several matching, an unsupported key) is the
 * token's fault; a fetch that fails (refused, timed out, not 200, not a key set) is nobody's.
 */
export function distinguishUnavailableKeys(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      const tokenFault =
        error instanceof joseErrors.JWKSNoMatchingKey ||
        error instanceof joseErrors.JWKSMultipleMatchingKeys ||
        error instanceof joseErrors.JOSENotSupported ||
        error instanceof joseErrors.JOSEAlgNotAllowed;
      throw tokenFault ? error : new KeySetUnavailable('the key set could not be fetched', { cause: error });
    }
  };
}

/** Why a signed token is still refused, or null: no key id, issued in the future, a person's token without a session. */
function refusal(header: { kid?: unknown }, payload: { iat?: unknown; kind?: unknown; sid?: unknown }): string | null {
  // Without `kid` a verifier must guess the key; every token this system signs names it.
  if (typeof header.kid !== 'string' || !header.kid) return 'The access token names no key (kid).';
  // A token "issued" in the future was made with a wrong clock or to outlive its revocation.
  if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS)
    return 'The access token is invalid or has expired.';
  // People's tokens name their session, so that signing out can end them; service tokens need not.
  if ((payload.kind === 'contact' || payload.kind === 'staff') && (typeof payload.sid !== 'string' || !payload.sid))
    return 'The access token is invalid or has expired.';
  return null;
}

/**
 * Checks `Authorization: Bearer <jwt>` against the published keys, then against the revocation
 * list. No header: anonymous (rules decide what that may see). A header that does not verify, or
 * a session that has ended: UNAUTHENTICATED, never anonymous.
 */
export function createTokenVerifier(
  keys: JWTVerifyGetKey,
  settings: TokenSettings,
  revocations?: RevocationList,
  cacheOptions: { maxEntries?: number; maxSeconds?: number } = {},
): TokenVerifier {
  const verified = new LRUCache<string, { principal: Principal; expiresAt: number }>({
    max: cacheOptions.maxEntries ?? TOKEN_CACHE_MAX_ENTRIES,
  });
  const maxMs = (cacheOptions.maxSeconds ?? TOKEN_CACHE_MAX_SECONDS) * 1000;
  const verify = async (token: string): Promise<Principal> => {
    // A hit is a token that verified within its lifetime; its `exp` is checked here on the same clock
    // as jose's (the cache's own ttl only makes room).
    const cached = verified.get(token);
    if (cached && Date.now() < cached.expiresAt) return cached.principal;
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [TOKEN_ALGORITHM],
        requiredClaims: ['sub', 'exp', 'iat', 'kind'],
      });
      const refused = refusal(protectedHeader, payload);
      if (refused) throw unauthenticated(refused);
      // Frozen: one object now serves every request carrying this token.
      const principal = Object.freeze(principalFromClaims(payload.sub!, payload as unknown as AccessClaims));
      const expiresAt = Math.min(payload.exp! * 1000, Date.now() + maxMs);
      if (expiresAt > Date.now()) verified.set(token, { principal, expiresAt }, { ttl: expiresAt - Date.now() });
      return principal;
    } catch (error) {
      if (error instanceof KeySetUnavailable) throw keysUnavailable();
      throw error instanceof GraphQLError ? error : unauthenticated('The access token is invalid or has expired.');
    }
  };
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
    const principal = await verify(match[1]);
    // Every request, cached or not: a session may end while its token is still valid.
    if (
      revocations &&
      'sessionId' in principal &&
      principal.sessionId &&
      (await revocations.isRevoked(principal.sessionId))
    )
      throw sessionEnded();
    return principal;
  };
}

/** Where the token issuer publishes its keys when JWKS_URL says nothing: the one-machine default. */
export const DEFAULT_JWKS_URL = 'http://localhost:4003/.well-known/jwks.json';

/**
 * Verify with the keys the credential subgraph publishes (fetched once, refetched on a new key id;
 * SERVICE_UNAVAILABLE, not UNAUTHENTICATED, while they cannot be fetched)
 * and the sessions it has ended (its revocation list beside the JWKS, polled as it says, at most
 * every 10 seconds).
 */
export function remoteTokenVerifier(jwksUrl: string, settings: TokenSettings): TokenVerifier {
  return createTokenVerifier(
    distinguishUnavailableKeys(
      createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 }),
    ),
    settings,
    remoteRevocationList(revocationsUrlFor(jwksUrl), { pollSeconds: settings.revocationPollSeconds }),
  );
}
