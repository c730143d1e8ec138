import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalFederation, type LocalFederation } from '@ecg/tools';
import { federationClient, TEST_HASH_COST, TEST_STAFF } from './support/federation';
import { codeAt } from './support/second-factor';

// The embedded default (`npm start` without DATABASE_URL: SQLite under DATA_DIR) has no row locks,
// and TypeORM refuses to ask for one there: the second-factor changes that lock rows on MariaDB
// must work on it as well, the way a new user first tries them.
jest.setTimeout(60_000);
let local: LocalFederation;
let dataDir: string;
let client: ReturnType<typeof federationClient>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ecg-embedded-'));
  local = await startLocalFederation({
    DATA_DIR: dataDir,
    STAFF_EMAIL: TEST_STAFF.email,
    STAFF_PASSWORD: TEST_STAFF.password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    LOG_DESTINATION: process.env.LOG_DESTINATION,
    SECOND_FACTOR_KEY: 'f'.repeat(64),
    PASSWORD_HASH_COST: String(TEST_HASH_COST),
  });
  client = federationClient(() => local.gatewayUrl);
});
afterAll(async () => {
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sets up an authenticator app on the embedded SQLite database, and removes it with a fresh code', async () => {
  const token = await client.staffToken();
  const started = await client.query(
    'mutation ($p: String!) { startTotpEnrolment(currentPassword: $p) { secret } }',
    { p: TEST_STAFF.password },
    { token },
  );
  expect(started.errors).toBeUndefined();
  const { secret } = started.data.startTotpEnrolment;
  const confirmed = await client.query(
    'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }',
    { code: codeAt(secret) },
    { token },
  );
  expect(confirmed.errors).toBeUndefined();

  const removed = await client.query(
    'mutation ($code: String!) { removeAuthenticator(currentCode: $code) }',
    { code: codeAt(secret, 1) },
    { token },
  );
  expect(removed.errors).toBeUndefined();
  expect(removed.data.removeAuthenticator).toBe(true);
  const after = await client.query('{ me { secondFactorKinds } }', {}, { token });
  expect(after.data?.me?.secondFactorKinds ?? after.errors).toEqual([]);
});
