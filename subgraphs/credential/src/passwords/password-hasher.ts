import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP Password Storage Cheat Sheet, scrypt: N=2^17 (128 MiB), r=8, p=1.
export const PRODUCTION_HASH_COST = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/;

// One process hashes at one cost, read from PASSWORD_HASH_COST when the subgraph starts
// (configurePasswordHashing). A module setting rather than an argument threaded through every flow
// that hashes: the flows must not be able to pick a cost of their own.
let configuredCost = PRODUCTION_HASH_COST;

/** The cost (scrypt log2 N) new hashes are made at from now on; production refuses below the floor in config. */
export function configurePasswordHashing(cost: number): void {
  configuredCost = cost;
}

function derive(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** ln, r, p, maxmem: 2 * 128 * 2 ** ln * r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`: the parameters travel with the hash, so they can grow.
 * `cost` is for code that hashes outside a running subgraph (test fixtures, the benchmark).
 */
export async function hashPassword(password: string, cost: number = configuredCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, R, P);
  return `$scrypt$ln=${cost},r=${R},p=${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = FORMAT.exec(encoded);
  if (!match) return false;
  const [, ln, r, p, salt, hash] = match;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(ln), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Whether a stored hash is weaker than what this process makes now: a lower cost (made by a
 * cheaper setting or an older release) or other block parameters. A costlier one is kept: turning
 * the setting down must never weaken the hashes already stored.
 */
export function needsRehash(encoded: string): boolean {
  const match = FORMAT.exec(encoded);
  if (!match) return false;
  const [, ln, r, p] = match.map(Number);
  return ln < configuredCost || r !== R || p !== P;
}

/**
 * Checks a password against its stored hash; when it matches and the hash is weaker than the
 * configured cost, hands `save` a new hash of the same password (only a sign-in knows it, so only
 * a sign-in can upgrade a hash). `save` should write only over `encoded`, so that a password
 * changed meanwhile is never overwritten.
 */
export async function verifyAndUpgrade(
  password: string,
  encoded: string,
  save: (upgraded: string, previous: string) => Promise<unknown>,
): Promise<boolean> {
  if (!(await verifyPassword(password, encoded))) return false;
  if (needsRehash(encoded)) await save(await hashPassword(password), encoded);
  return true;
}

// Checked when the user name is unknown, so that answer takes as long as a wrong password: one
// per cost, so it always costs what a real hash does.
const decoys = new Map<number, Promise<string>>();
export function decoyHash(): Promise<string> {
  let decoy = decoys.get(configuredCost);
  if (!decoy) decoys.set(configuredCost, (decoy = hashPassword(randomBytes(24).toString('base64'))));
  return decoy;
}
