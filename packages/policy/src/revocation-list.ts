import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { rule } from 'graphql-shield';
import { appError } from './errors';
import type { Principal } from './principal';

/**
 * Revocation names sessions (the `sid` of an access token: the refresh-token row issued with it), never
 * people: the list publishes SHA-256 hashes of session ids, which appear only inside the tokens
 * themselves, so the list tells whoever reads it nothing about who signed out or was demoted.
 */
export const sessionHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** What the credential subgraph publishes at `/.well-known/revocations.json`. */
export interface RevocationSnapshot {
  /** How often verifiers should ask again (the publisher's REVOCATION_POLL_SECONDS). */
  pollSeconds: number;
  /** Hashes of the sessions ended within the last access-token lifetime. */
  sessions: string[];
}

export const REVOCATIONS_PATH = '/.well-known/revocations.json';
/** Where the contact subgraph reports, with its caller's token, a contact that lost access (same origin as the JWKS). */
export const CONTACT_ACCESS_REDUCED_PATH = '/sessions/contact-access-reduced';
/**
 * Where the credential subgraph asks the contact subgraph which organization a provisioning token
 * (SCIM) acts for, when that token comes with a contact that lost access (same origin as contacts).
 */
export const PROVISIONING_TOKEN_SCOPE_PATH = '/provisioning/token-scope';
export const DEFAULT_REVOCATION_POLL_SECONDS = 10;
const clampPoll = (seconds: number) =>
  Math.min(
    Math.max(Number.isFinite(seconds) ? seconds : DEFAULT_REVOCATION_POLL_SECONDS, 1),
    DEFAULT_REVOCATION_POLL_SECONDS,
  );

export interface RevocationList {
  /** Is this session ended? Answers from memory; the list is fetched again once it is `pollSeconds` old. */
  isRevoked(sessionId: string): boolean | Promise<boolean>;
}

/**
 * A revocation list kept in memory and refreshed on demand: a request that finds the list older
 * than the poll interval waits for one fetch (shared by every request arriving meanwhile); all
 * others answer from a Set. No timer, so nothing to stop. When the fetch fails, the last list stays
 * in force and the next try waits a full interval (docs/security.md says why this fails open).
 */
export function revocationList(
  load: () => Promise<RevocationSnapshot>,
  options: { pollSeconds?: number } = {},
): RevocationList {
  let revoked = new Set<string>();
  let pollMs = clampPoll(options.pollSeconds ?? DEFAULT_REVOCATION_POLL_SECONDS) * 1000;
  let fetchedAt = -Infinity;
  let inflight: Promise<void> | undefined;
  const refresh = async () => {
    try {
      const snapshot = await load();
      revoked = new Set(snapshot.sessions);
      if (options.pollSeconds === undefined) pollMs = clampPoll(snapshot.pollSeconds) * 1000;
    } catch {
      // Keep the last list: the publisher being away must not sign everybody out.
    } finally {
      fetchedAt = Date.now();
      inflight = undefined;
    }
  };
  return {
    isRevoked(sessionId) {
      if (Date.now() - fetchedAt < pollMs) return revoked.has(sessionHash(sessionId));
      return (inflight ??= refresh()).then(() => revoked.has(sessionHash(sessionId)));
    },
  };
}

/** Where the credential subgraph publishes revocations: beside the JWKS it names. */
export const revocationsUrlFor = (jwksUrl: string) => new URL(REVOCATIONS_PATH, jwksUrl).toString();

/** The list the credential subgraph publishes, as every other verifier (gateway, subgraphs) reads it. */
export function remoteRevocationList(url: string, options: { pollSeconds?: number } = {}): RevocationList {
  return revocationList(async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const body = (await response.json()) as RevocationSnapshot;
    if (!Array.isArray(body.sessions)) throw new Error(`${url} answered without a sessions list`);
    return body;
  }, options);
}

/**
 * Asks the publisher about one session, now, from its database: for mutations, which must refuse
 * an ended session at once rather than within the poll interval. Fails closed.
 */
export function remoteSessionStatus(jwksUrl: string) {
  const url = revocationsUrlFor(jwksUrl);
  return async (sessionId: string): Promise<'current' | 'ended'> => {
    try {
      const response = await fetch(`${url}?session=${encodeURIComponent(sessionHash(sessionId))}`, {
        signal: AbortSignal.timeout(3000),
      });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return ((await response.json()) as { revoked: boolean }).revoked ? 'ended' : 'current';
    } catch {
      throw appError('SERVICE_UNAVAILABLE', 'Sessions cannot be checked right now; try again shortly.');
    }
  };
}

export function sessionEnded(): GraphQLError {
  return appError(
    'UNAUTHENTICATED',
    'This session has ended (signed out, password changed, or access changed); sign in again.',
    { httpStatus: true },
  );
}

/**
 * The rule every subgraph checks before each of its mutations: the caller's session has not
 * ended, asked at once of whoever knows (`ended`), not read from the polled list: reads may trust
 * a token until the list catches up (seconds), a change must not. `stillHolds` adds what a
 * subgraph can check itself (the contact subgraph: the contact is still active, with its types).
 */
export function currentSessionRule<C extends { principal: Principal }>(
  ended: (sessionId: string, context: C) => Promise<boolean>,
  stillHolds?: (principal: Principal & { kind: 'contact' }, context: C) => Promise<boolean>,
) {
  return rule('currentSession', { cache: 'contextual' })(async (_parent, _args, context: C) => {
    const principal = context.principal;
    if (principal.kind !== 'contact' && principal.kind !== 'staff') return true;
    if (principal.kind === 'contact' && stillHolds && !(await stillHolds(principal, context))) return sessionEnded();
    if (!principal.sessionId || (await ended(principal.sessionId, context))) return sessionEnded();
    return true;
  });
}
