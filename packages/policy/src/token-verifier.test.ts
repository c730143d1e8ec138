import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { revocationList, sessionHash } from './revocation-list';
import { createTokenVerifier } from './token-verifier';

// The per-process cache of verified tokens: a token seen before is not checked again (no key
// lookup, no signature), yet is refused as soon as its session is on the revocation list or its
// `exp` has passed, and the cache holds a bounded number of tokens.
const settings = { issuer: 'urn:test', audience: 'test' };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function bearer(sid: string, lifetimeSeconds = 900): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    kind: 'contact',
    org: 'org-1',
    types: ['READ_ONLY'],
    sid,
    sub: randomUUID(),
    iss: settings.issuer,
    aud: settings.audience,
    iat: now,
    exp: now + lifetimeSeconds,
  };
  const unsigned = `${part({ alg: 'EdDSA', kid: 'k1', typ: 'at+jwt' })}.${part(claims)}`;
  return `Bearer ${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/** Keys that count how often a signature is checked. */
function countingKeys() {
  const keys = Object.assign(
    async () => {
      keys.calls++;
      return publicKey;
    },
    { calls: 0 },
  );
  return keys;
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : String(error);
  }
};

describe('token verifier cache', () => {
  // The clock moves only when a test says so (Date.now and new Date, which jose reads).
  const later = (ms: number) => jest.setSystemTime(Date.now() + ms);
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('checks a token once, then answers from the cache until its session is revoked', async () => {
    const ended: string[] = [];
    const list = revocationList(async () => ({ pollSeconds: 1, sessions: [...ended] }));
    const keys = countingKeys();
    const verify = createTokenVerifier(keys, settings, list);
    const sid = randomUUID();
    const token = bearer(sid);

    const first = await verify(token);
    const second = await verify(token);
    expect(second).toEqual(first);
    expect(keys.calls).toBe(1);

    ended.push(sessionHash(sid));
    later(1_500); // past the list's poll interval: the next request fetches it again
    expect(await codeOf(verify(token))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verify(token))).toBe('UNAUTHENTICATED');
    expect(keys.calls).toBe(1); // refused on a cache hit, not because the signature was checked again
  });

  it('refuses a cached token once its exp has passed', async () => {
    const keys = countingKeys();
    const verify = createTokenVerifier(keys, settings);
    const token = bearer(randomUUID(), 5);
    expect(await codeOf(verify(token))).toBe('accepted');
    later(3_000);
    expect(await codeOf(verify(token))).toBe('accepted');
    expect(keys.calls).toBe(1);
    later(3_000);
    expect(await codeOf(verify(token))).toBe('UNAUTHENTICATED');
  });

  it('keeps at most maxEntries tokens, dropping the least recently used', async () => {
    const keys = countingKeys();
    const verify = createTokenVerifier(keys, settings, undefined, { maxEntries: 2 });
    const [a, b, c] = [bearer(randomUUID()), bearer(randomUUID()), bearer(randomUUID())];
    await verify(a);
    await verify(b);
    await verify(a); // a is now the most recent
    expect(keys.calls).toBe(2);
    await verify(c); // evicts b
    await verify(a);
    expect(keys.calls).toBe(3);
    await verify(b);
    expect(keys.calls).toBe(4);
  });

  it('never caches a refused token, nor one altered after signing', async () => {
    const keys = countingKeys();
    const verify = createTokenVerifier(keys, settings);
    const token = bearer(randomUUID());
    await verify(token);
    const [header, payload, signature] = token.slice('Bearer '.length).split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.types = ['ADMINISTRATOR'];
    const altered = `Bearer ${header}.${part(forged)}.${signature}`;
    expect(await codeOf(verify(altered))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verify(altered))).toBe('UNAUTHENTICATED');
    expect(keys.calls).toBe(3);
  });
});
