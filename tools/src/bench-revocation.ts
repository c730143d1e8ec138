import 'reflect-metadata';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createTokenVerifier, revocationList, sessionHash, type RevocationSnapshot } from '@ecg/policy';

// `npm run bench:revocation`: what the revocation check adds to every request's token check
// (the audit's finding 8 in docs/security.md). The same verifier as the gateway's and every subgraph's, with and without a
// revocation list of BENCH_REVOKED ended sessions, over BENCH_TOKENS distinct valid tokens; plus
// the check alone, and what one poll of the list costs. No network, no database: the request path only.
const REVOKED = Number(process.env.BENCH_REVOKED ?? 10_000);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const settings = { issuer: 'urn:bench', audience: 'bench' };

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A signed EdDSA access token, as the credential subgraph issues them (node:crypto, no library). */
function token(sid: string): string {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'EdDSA', kid: 'bench', typ: 'at+jwt' })}.${part({ kind: 'contact', org: randomUUID(), types: ['ADMINISTRATOR'], sid, sub: randomUUID(), iss: settings.issuer, aud: settings.audience, iat: now, exp: now + 900 })}`;
  return `${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function perCall(run: (i: number) => unknown, calls: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await run(i);
  return ((performance.now() - t0) * 1000) / calls; // microseconds
}

async function main() {
  const snapshot: RevocationSnapshot = {
    pollSeconds: 10,
    sessions: Array.from({ length: REVOKED }, () => sessionHash(randomUUID())),
  };
  const list = revocationList(async () => snapshot);
  const headers = Array.from({ length: TOKENS }, () => `Bearer ${token(randomUUID())}`);
  const keys = async () => publicKey;
  // A cache of one token over TOKENS distinct ones: every call checks the signature, as a first request does.
  const uncached = { maxEntries: 1 };
  const without = createTokenVerifier(keys, settings, undefined, uncached);
  const withList = createTokenVerifier(keys, settings, list, uncached);
  const sids = headers.map(
    (h) => (JSON.parse(Buffer.from(h.split('.')[1], 'base64url').toString()) as { sid: string }).sid,
  );

  // Warm up both paths (JIT, the first fetch of the list).
  for (const h of headers) await Promise.all([without(h), withList(h)]);

  const plain: number[] = [];
  const checked: number[] = [];
  const checkAlone: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await perCall((i) => without(headers[i % TOKENS]), TOKENS * 5));
    checked.push(await perCall((i) => withList(headers[i % TOKENS]), TOKENS * 5));
    checkAlone.push(await perCall((i) => list.isRevoked(sids[i % TOKENS]), TOKENS * 50));
  }
  // One poll: parse the published JSON and rebuild the set, every poll interval.
  const body = JSON.stringify(snapshot);
  const pollMs = median(
    Array.from({ length: ROUNDS }, () => {
      const t0 = performance.now();
      void new Set((JSON.parse(body) as RevocationSnapshot).sessions);
      return performance.now() - t0;
    }),
  );

  const [a, b, c] = [median(plain), median(checked), median(checkAlone)];
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`tokens: ${TOKENS} distinct, revocation list: ${REVOKED} ended sessions, ${ROUNDS} rounds, medians`);
  console.log(`token check without revocation: ${a.toFixed(1)} µs per request`);
  console.log(
    `token check with revocation:    ${b.toFixed(1)} µs per request (+${(b - a).toFixed(1)} µs, ${(((b - a) / a) * 100).toFixed(1)}%)`,
  );
  console.log(`revocation check alone (SHA-256 of the sid + set lookup): ${c.toFixed(2)} µs`);
  console.log(
    `one poll of the list (${(body.length / 1024).toFixed(0)} KiB JSON parsed into a set): ${pollMs.toFixed(2)} ms, every 10 s by default`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
