import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startLocalFederation } from './local-federation';

// `npm run bench:contacts`: pages of a 10,000-contact organization through the real gateway and
// subgraphs on MySQL/MariaDB (BENCH_DATABASE_URL, default the local server), with their rates.
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const STAFF = { email: 'bench@bench.example', password: randomBytes(18).toString('base64url') };
const QUERY = `query ($page: Int!, $size: Int!) { organization(code: "BENCH") {
  contacts(page: $page, pageSize: $size) { totalCount items { fullName status primaryEmail contactTypes selfService { status } } } } }`;

async function main() {
  const server = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  server.pathname = `/ecgbench_${process.pid}`;
  const federation = await startLocalFederation({ DATABASE_URL: server.toString(), DEMO_DATA: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', STAFF_EMAIL: STAFF.email, STAFF_PASSWORD: STAFF.password });
  try {
    const organizationId = randomUUID();
    await federation.subgraphs.organization.dataSource.query("INSERT INTO organization (id, code, name, organizationType, version) VALUES (?, 'BENCH', 'BENCHMARK DISTRICT', 'SCHOOL_DISTRICT', 1)", [organizationId]);
    const contacts = federation.subgraphs.contact.dataSource;
    for (let start = 0; start < CONTACTS; start += 1000) {
      const ids = Array.from({ length: Math.min(1000, CONTACTS - start) }, () => randomUUID());
      await contacts.query(
        `INSERT INTO contact (id, organizationId, firstName, lastName, fullName, primaryEmail, status, version) VALUES ${ids.map(() => '(?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}`,
        ids.flatMap((id, i) => [id, organizationId, `First${start + i}`, 'Bench', `First${start + i} Bench`, `c${start + i}@bench.example`, 'ACTIVE']),
      );
      await contacts.query(`INSERT INTO contact_type (contactId, contactType) VALUES ${ids.map(() => "(?, 'PAYROLL')").join(', ')}`, ids);
    }
    const login = await post(federation.gatewayUrl, 'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }', { u: STAFF.email, p: STAFF.password });
    const token = login.data.login.accessToken as string;

    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`);
    console.log(`${CONTACTS} contacts, ${REQUESTS} requests per run, ${CONCURRENCY} at a time, through the gateway\n`);
    for (const size of (process.env.BENCH_SIZES ?? '10,100').split(',').map(Number)) {
      await run(federation.gatewayUrl, token, size, Math.min(100, REQUESTS)); // warm up
      const { perSecond, p50, p99 } = await run(federation.gatewayUrl, token, size, REQUESTS);
      console.log(`pageSize ${String(size).padStart(3)}: ${perSecond.toFixed(0).padStart(5)} requests/s   p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms`);
    }
  } finally {
    await federation.stop({ dropDatabases: true });
  }
}

async function post(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function run(url: string, token: string, size: number, requests: number) {
  const pages = Math.ceil(CONTACTS / size);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        next++;
        const t0 = performance.now();
        await post(url, QUERY, { page: 1 + Math.floor(Math.random() * pages), size }, token);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
