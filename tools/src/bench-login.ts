import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { hashPassword, PRODUCTION_HASH_COST } from '@ecg/credential';
import { onInterrupt } from './bench-processes';
import { startLocalFederation } from './local-federation';

// `npm run bench:login`: the cost of one password hash on this machine, sign-ins per second
// through the gateway, and how long failures take for a known and for an unknown user name.
const LOGINS = Number(process.env.BENCH_LOGINS ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PASSWORD = 'benchmark passphrase of some length';
const LOGIN = 'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }';

async function main() {
  const server = new URL(
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
  );
  server.pathname = `/ecgbenchlogin_${process.pid}`;
  const staff = { email: 'bench@bench.example', password: randomBytes(18).toString('base64url') };
  // Failures are part of the measurement: lockout and rate limits out of reach keep the account open.
  const federation = await startLocalFederation({
    DATABASE_URL: server.toString(),
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    STAFF_EMAIL: staff.email,
    STAFF_PASSWORD: staff.password,
    LOCKOUT_INTERNET_ATTEMPTS: '100',
    LOCKOUT_INTERNAL_ATTEMPTS: '100',
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    LOGIN_LIMIT_PER_USER: '100000',
    // What sign-in costs in production is the measurement.
    PASSWORD_HASH_COST: String(PRODUCTION_HASH_COST),
  });
  onInterrupt(() => federation.stop({ dropDatabases: true }));
  try {
    const hashTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await hashPassword(PASSWORD, PRODUCTION_HASH_COST);
      hashTimes.push(performance.now() - t0);
    }
    const hashMs = median(hashTimes);

    // A registered contact of 42061 with a known password.
    const [{ id: organizationId }] = await federation.subgraphs.organization.dataSource.query<{ id: string }[]>(
      "SELECT id FROM organization WHERE code = '42061'",
    );
    const [{ id: contactId }] = await federation.subgraphs.contact.dataSource.query<{ id: string }[]>(
      "SELECT id FROM contact WHERE primaryEmail = 'cococontact@county.xorg'",
    );
    const credential = federation.subgraphs.credential.dataSource;
    const inserted = await credential.query<{ insertId: number }>(
      "INSERT INTO self_service_account (contactId, organizationId, userName, status, enrollmentCompleted, version) VALUES (?, ?, 'cococontact@county.xorg', 'REGISTERED', 1, 1)",
      [contactId, organizationId],
    );
    await credential.query('INSERT INTO account_secret (essId, passwordHash) VALUES (?, ?)', [
      inserted.insertId,
      await hashPassword(PASSWORD, PRODUCTION_HASH_COST),
    ]);

    const url = federation.gatewayUrl;
    await timed(url, 'cococontact@county.xorg', PASSWORD, 4, 2); // warm up
    const success = await timed(url, 'cococontact@county.xorg', PASSWORD, LOGINS, CONCURRENCY);
    const sequential = await timed(url, 'cococontact@county.xorg', PASSWORD, 10, 1);
    const wrong = await timed(url, 'cococontact@county.xorg', 'not the password', 10, 1);
    const unknown = await timed(url, `nobody-${randomUUID()}@county.xorg`, 'not the password', 10, 1);

    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; libuv threadpool ${process.env.UV_THREADPOOL_SIZE ?? 4}`,
    );
    console.log(`one password hash (scrypt N=2^17, r=8, p=1): ${hashMs.toFixed(0)} ms`);
    console.log(`sign-ins through the gateway: ${success.perSecond.toFixed(1)}/s with ${CONCURRENCY} at a time`);
    console.log(
      `one sign-in, alone:            ${sequential.median.toFixed(0)} ms  (${(sequential.median / hashMs).toFixed(2)} × one hash)`,
    );
    console.log(`wrong password, known user:    ${wrong.median.toFixed(0)} ms`);
    console.log(
      `unknown user name:             ${unknown.median.toFixed(0)} ms  (${(unknown.median / wrong.median).toFixed(2)} × a known user's failure)`,
    );
  } finally {
    await federation.stop({ dropDatabases: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(url: string, userName: string, password: string, count: number, concurrency: number) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: LOGIN, variables: { u: userName, p: password } }),
        });
        times.push(performance.now() - t0);
        // Only real answers count: a sign-in, or the one failure every bad attempt gets.
        const body = (await response.json()) as {
          data?: { login?: unknown };
          errors?: { extensions?: { code?: string } }[];
        };
        if (!body.data?.login && body.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED')
          throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
      }
    }),
  );
  return { perSecond: times.length / ((performance.now() - started) / 1000), median: median(times) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
