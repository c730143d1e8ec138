import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { recountContacts } from '@ecg/contact';
import { graphql, load, machine, startBenchDataSet, type LoadResult } from './bench-processes';
import { spawnHiveGateway } from './hive-gateway';

// `npm run bench:contacts`: pages of a 10,000-contact organization (MySQL/MariaDB at
// BENCH_DATABASE_URL, default the local server) through the Apollo gateway, through Hive Gateway
// (in-flight merging off, then on), and from the contact subgraph alone answering its part; each
// service in its own process, with the CPU each one spends per request (from /proc), so figures
// compare across runs on a shared machine where raw rates move ±25%.
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STAFF = { email: 'bench@bench.example', password: randomBytes(18).toString('base64url') };
const PAGE = `query ($page: Int!, $size: Int!) { organization(code: "BENCH") {
  contacts(page: $page, pageSize: $size) { totalCount items { fullName status primaryEmail contactTypes selfService { status } } } } }`;
// What the gateway asks the contact subgraph for the same page.
const DIRECT = `query ($r: [_Any!]!, $page: Int!, $size: Int!) { _entities(representations: $r) { ... on Organization {
  contacts(page: $page, pageSize: $size) { totalCount items { __typename id fullName status primaryEmail contactTypes } } } } }`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const { federation, databases } = await startBenchDataSet('ecgbench', STAFF);
  const hives: Awaited<ReturnType<typeof spawnHiveGateway>>[] = [];
  try {
    const organizationId = randomUUID();
    const [organizations, contacts] = databases.map(
      (db) => new DataSource({ type: 'mysql', url: db.kind === 'mysql' ? db.url : '' }),
    );
    await Promise.all([organizations.initialize(), contacts.initialize()]);
    await organizations.query(
      "INSERT INTO organization (id, code, name, organizationType, version) VALUES (?, 'BENCH', 'BENCHMARK DISTRICT', 'SCHOOL_DISTRICT', 1)",
      [organizationId],
    );
    for (let start = 0; start < CONTACTS; start += 1000) {
      const ids = Array.from({ length: Math.min(1000, CONTACTS - start) }, () => randomUUID());
      await contacts.query(
        `INSERT INTO contact (id, organizationId, firstName, lastName, fullName, primaryEmail, status, version) VALUES ${ids.map(() => '(?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}`,
        ids.flatMap((id, i) => [
          id,
          organizationId,
          `First${start + i}`,
          'Bench',
          `First${start + i} Bench`,
          `c${start + i}@bench.example`,
          'ACTIVE',
        ]),
      );
      await contacts.query(
        `INSERT INTO contact_type (contactId, contactType) VALUES ${ids.map(() => "(?, 'PAYROLL')").join(', ')}`,
        ids,
      );
    }
    await recountContacts(contacts, [organizationId]);
    await Promise.all([organizations.destroy(), contacts.destroy()]);
    const login = await graphql<{ login: { accessToken: string } }>(
      federation.urls.gateway,
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
      { u: STAFF.email, p: STAFF.password },
    );
    const token = login.data.login.accessToken;
    const subgraphUrls = {
      organization: federation.urls.organization,
      contact: federation.urls.contact,
      credential: federation.urls.credential,
    };
    hives.push(await spawnHiveGateway(subgraphUrls, false), await spawnHiveGateway(subgraphUrls, true));
    const { gateway, organization, contact, credential } = federation.pids;
    const subgraphs = { organization, contact, credential };

    const targets: {
      name: string;
      processes: Record<string, number>;
      send: (page: number, size: number) => Promise<unknown>;
    }[] = [
      {
        name: 'contact subgraph alone',
        processes: { contact },
        send: (page, size) =>
          graphql(
            federation.urls.contact,
            DIRECT,
            { r: [{ __typename: 'Organization', id: organizationId }], page, size },
            token,
          ),
      },
      {
        name: 'Apollo gateway',
        processes: { gateway, ...subgraphs },
        send: (page, size) => graphql(federation.urls.gateway, PAGE, { page, size }, token),
      },
      {
        name: 'Hive Gateway, merging off',
        processes: { gateway: hives[0].pid, ...subgraphs },
        send: (page, size) => graphql(hives[0].url, PAGE, { page, size }, token),
      },
      {
        name: 'Hive Gateway, merging on',
        processes: { gateway: hives[1].pid, ...subgraphs },
        send: (page, size) => graphql(hives[1].url, PAGE, { page, size }, token),
      },
    ];

    // BENCH_TARGETS=apollo (names: direct, apollo, hive-off, hive-on) measures some of them only,
    // e.g. while profiling one path (BENCH_CPU_PROF); the ratios need `direct` and a gateway.
    const keys = ['direct', 'apollo', 'hive-off', 'hive-on'];
    const wanted = new Set((process.env.BENCH_TARGETS ?? keys.join(',')).split(','));
    targets.splice(0, targets.length, ...targets.filter((_, i) => wanted.has(keys[i])));

    console.log(`Machine: ${machine()}`);
    console.log(
      `${CONTACTS} contacts; ${REQUESTS} requests per run, ${CONCURRENCY} at a time, ${ROUNDS} interleaved rounds (medians); each service its own process,`,
    );
    console.log(
      'the load generator in this one. CPU = user + system time of each process over the run (/proc), per request.\n',
    );
    for (const size of (process.env.BENCH_SIZES ?? '10,100').split(',').map(Number)) {
      const pages = Math.ceil(CONTACTS / size);
      const results = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) {
          const send = async () => void (await target.send(1 + Math.floor(Math.random() * pages), size));
          if (round === 0) await load(send, Math.min(200, REQUESTS), CONCURRENCY, target.processes); // warm up
          results.get(target.name)!.push(await load(send, REQUESTS, CONCURRENCY, target.processes));
        }
      }
      console.log(`pageSize ${size}`);
      console.log(
        `  ${'target'.padEnd(27)} ${'req/s'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  CPU ms per request: ${'gateway'.padStart(7)} ${'org'.padStart(5)} ${'contact'.padStart(7)} ${'cred'.padStart(5)} ${'total'.padStart(6)}  per core-s`,
      );
      const summary = new Map<string, { perSecond: number; cpu: number }>();
      for (const target of targets) {
        const runs = results.get(target.name)!;
        const cpu = (name: string) =>
          name in target.processes ? median(runs.map((r) => r.cpuMsPerRequest[name])) : undefined;
        const total = median(runs.map((r) => Object.values(r.cpuMsPerRequest).reduce((a, b) => a + b, 0)));
        const perSecond = median(runs.map((r) => r.perSecond));
        summary.set(target.name, { perSecond, cpu: total });
        const cell = (v: number | undefined, width: number) => (v === undefined ? '-' : v.toFixed(2)).padStart(width);
        console.log(
          `  ${target.name.padEnd(27)} ${perSecond.toFixed(0).padStart(6)} ${median(runs.map((r) => r.p50))
            .toFixed(1)
            .padStart(7)} ${median(runs.map((r) => r.p99))
            .toFixed(1)
            .padStart(
              7,
            )}                      ${cell(cpu('gateway'), 7)} ${cell(cpu('organization'), 5)} ${cell(cpu('contact'), 7)} ${cell(cpu('credential'), 5)} ${total.toFixed(2).padStart(6)}  ${(1000 / total).toFixed(0).padStart(6)}`,
        );
      }
      const direct = summary.get('contact subgraph alone');
      for (const name of ['Apollo gateway', 'Hive Gateway, merging off', 'Hive Gateway, merging on']) {
        const s = summary.get(name);
        if (!direct || !s) continue;
        console.log(
          `  ${name} / contact subgraph alone: ${(s.perSecond / direct.perSecond).toFixed(2)}× by rate, ${(direct.cpu / s.cpu).toFixed(2)}× by Node CPU per request`,
        );
      }
      console.log('');
    }
    if (!process.env.BENCH_TARGETS)
      await exportFigures(federation.urls.gateway, federation.pids.contact, organizationId, token);
  } finally {
    await Promise.all(hives.map((h) => h.stop()));
    await federation.stop(); // and drops the databases
  }
}

/** One "Export To Excel" of the whole organization through the gateway: time, contact CPU, memory. */
async function exportFigures(gatewayUrl: string, contactPid: number, organizationId: string, token: string) {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${contactPid}/status`, 'utf8'))![1]) / 1024;
  const { data } = await graphql<{ organization: { contactsExport: { url: string } } }>(
    gatewayUrl,
    '{ organization(code: "BENCH") { contactsExport { url } } }',
    {},
    token,
  );
  const url = new URL(data.organization.contactsExport.url, gatewayUrl);
  for (let i = 0; i < 2; i++) {
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
    const t0 = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const bytes = (await response.arrayBuffer()).byteLength;
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (response.status !== 200) throw new Error(`export answered ${response.status}`);
    if (i === 1)
      console.log(
        `Export of ${CONTACTS} contacts through the gateway: ${seconds.toFixed(2)} s, ${(bytes / 1024).toFixed(0)} KiB, contact subgraph RSS +${(peak - before).toFixed(0)} MB at peak (organization ${organizationId.slice(0, 8)})`,
      );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
