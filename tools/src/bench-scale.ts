import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { recountContacts } from '@ecg/contact';
import { nameGrams } from '@ecg/organization';
import { graphql, load, machine, startBenchDataSet } from './bench-processes';
import { benchOrganizations } from './organization-generator';

// `npm run bench:scale`: ORGANIZATIONS organizations and CONTACTS contacts loaded into MySQL/MariaDB
// with SQL (BENCH_DATABASE_URL, default the local server), two of them large enough to export
// (BENCH_SCALE_EXPORT_SIZES), then the issue-16 figures at one connection: organization search (new,
// through the gateway, and the old LIKE query run directly for comparison), contact pages near
// the start and deep in the list, and the exports with their ratio. Defaults are small (a few
// minutes); BENCH_SCALE_ORGANIZATIONS=50000 BENCH_SCALE_CONTACTS=1000000 BENCH_SCALE_EXPORT_SIZES=10000,50000 is the issue's size.
const ORGANIZATIONS = Number(process.env.BENCH_SCALE_ORGANIZATIONS ?? 10_000);
const CONTACTS = Number(process.env.BENCH_SCALE_CONTACTS ?? 100_000);
const EXPORT_SIZES = (process.env.BENCH_SCALE_EXPORT_SIZES ?? '2000,10000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 100);
const WARM_UP = Number(process.env.BENCH_SCALE_WARMUP ?? 2000);
const STAFF = { email: 'scale@bench.example', password: randomBytes(18).toString('base64url') };

async function insertRows(dataSource: DataSource, table: string, columns: string[], rows: unknown[][], ignore = false) {
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000);
    await dataSource.query(
      `INSERT ${ignore ? 'IGNORE ' : ''}INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
      batch.flat(),
    );
  }
}

async function timings(run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(samples.length / 2)],
    p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))],
  };
}

async function main() {
  const { federation, databases } = await startBenchDataSet('ecgscale', STAFF);
  const [organizations, contacts] = databases.map(
    (db) => new DataSource({ type: 'mysql', url: db.kind === 'mysql' ? db.url : '' }),
  );
  try {
    await Promise.all([organizations.initialize(), contacts.initialize()]);
    const loadStart = performance.now();
    const orgs = benchOrganizations(ORGANIZATIONS);
    await insertRows(
      organizations,
      'organization',
      ['id', 'code', 'name', 'organizationType', 'version'],
      orgs.map((o) => [o.id, o.code, o.name, 'SCHOOL_DISTRICT', 1]),
    );
    // Loaded with SQL, so the name index is filled here as the service's subscriber would fill it.
    await insertRows(
      organizations,
      'organization_name_gram',
      ['gram', 'organizationId'],
      orgs.flatMap((o) => nameGrams(o.name).map((g) => [g, o.id])),
      true,
    );
    // The large organizations first (their contacts are the exports), the rest spread evenly.
    const sizes = [...EXPORT_SIZES];
    let remaining = Math.max(0, CONTACTS - sizes.reduce((a, b) => a + b, 0));
    let n = 0;
    for (let o = 0; o < orgs.length && (sizes.length > 0 || remaining > 0); o++) {
      const count = sizes.shift() ?? Math.ceil(remaining / (orgs.length - o));
      if (o >= EXPORT_SIZES.length) remaining -= count;
      for (let start = 0; start < count; start += 5000) {
        const rows = Array.from({ length: Math.min(5000, count - start) }, () => {
          n++;
          return [
            randomUUID(),
            orgs[o].id,
            `First${n}`,
            `Last${n % 997}`,
            `First${n} Last${n % 997}`,
            n % 20 === 0 ? null : `c${n}@scale.example`,
            n % 9 === 0 ? 'INACTIVE' : 'ACTIVE',
          ];
        });
        await insertRows(
          contacts,
          'contact',
          ['id', 'organizationId', 'firstName', 'lastName', 'fullName', 'primaryEmail', 'status', 'version'],
          rows.map((r) => [...r, 1]),
        );
        await insertRows(
          contacts,
          'contact_type',
          ['contactId', 'contactType'],
          rows.map((r) => [r[0], 'PAYROLL']),
        );
      }
    }
    // Rows written around TypeORM: set the organizations' contact counters from the table once.
    await recountContacts(contacts);
    await organizations.query('ANALYZE TABLE organization, organization_name_gram');
    await contacts.query('ANALYZE TABLE contact, contact_type, organization_contact_count');
    console.log(`Machine: ${machine()}`);
    console.log(
      `${ORGANIZATIONS} organizations and ${n} contacts loaded with SQL in ${((performance.now() - loadStart) / 1000).toFixed(0)} s; ${SAMPLES} samples each, one connection.\n`,
    );

    const token = (
      await graphql<{ login: { accessToken: string } }>(
        federation.urls.gateway,
        'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken } }',
        { u: STAFF.email, p: STAFF.password },
      )
    ).data.login.accessToken;
    const gateway = <T = unknown>(query: string, variables: object = {}) =>
      graphql<T>(federation.urls.gateway, query, variables, token);

    // Organization search: through the gateway now, and the old LIKE statements (page + COUNT) alone.
    const SEARCH = 'query ($s: String!) { organizations(search: $s) { totalCount items { code name } } }';
    const oldSearch = (s: string) =>
      Promise.all([
        organizations.query(
          "SELECT * FROM organization o WHERE (o.code LIKE ? ESCAPE '!' OR o.name LIKE ? ESCAPE '!') ORDER BY o.code LIMIT 10",
          [`${s}%`, `%${s}%`],
        ),
        organizations.query(
          "SELECT COUNT(*) FROM organization o WHERE (o.code LIKE ? ESCAPE '!' OR o.name LIKE ? ESCAPE '!')",
          [`${s}%`, `%${s}%`],
        ),
      ]);
    console.log('organization search                  now (gateway) p50 / p99 ms    old LIKE SQL alone p50 / p99 ms');
    for (const [label, search] of [
      ['code prefix', String(10000 + Math.floor(ORGANIZATIONS / 3)).slice(0, 3)],
      ['exact code', String(10000 + Math.floor(ORGANIZATIONS / 2))],
      ['rare name fragment', 'uixote1'],
      ['common name fragment', 'school dist'],
    ] as const) {
      const now = await timings(() => gateway(SEARCH, { s: search }));
      const old = await timings(() => oldSearch(search));
      console.log(
        `  ${`${label} "${search}"`.padEnd(36)} ${now.p50.toFixed(1).padStart(8)} / ${now.p99.toFixed(1).padEnd(8)}            ${old.p50.toFixed(1).padStart(8)} / ${old.p99.toFixed(1)}`,
      );
    }

    // Contact pages of the largest organization, near the start and deep in the list.
    const big = orgs[EXPORT_SIZES.indexOf(Math.max(...EXPORT_SIZES))];
    const PAGE =
      'query ($c: String!, $p: Int!) { organization(code: $c) { contacts(page: $p, pageSize: 10) { totalCount items { fullName status primaryEmail contactTypes selfService { status } } } } }';
    const deep = Math.floor(Math.max(...EXPORT_SIZES) / 10 / 2);
    // At one connection each request is one after the other through four processes: the CPU they
    // spend on it (from /proc) says how much of its latency is work rather than waiting.
    // Warmed up first, as a server in service is: the first thousand pages cost each process up to
    // twice the CPU of later ones while V8 optimizes the hot paths.
    const warmUp = async (i: number) => void (await gateway(PAGE, { c: big.code, p: i % 2 ? 1 : deep }));
    await load(warmUp, WARM_UP, 1, federation.pids);
    for (const page of [1, deep]) {
      const t = await load(
        async () => void (await gateway(PAGE, { c: big.code, p: page })),
        SAMPLES,
        1,
        federation.pids,
      );
      const cpu = Object.entries(t.cpuMsPerRequest);
      console.log(
        `contacts page ${page} of ${big.code} (size 10), through the gateway: p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms; ` +
          `Node CPU per request ${cpu.reduce((sum, [, ms]) => sum + ms, 0).toFixed(1)} ms (${cpu.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')})`,
      );
    }

    // Exports: time, and how it grows with the size.
    const rss = () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${federation.pids.contact}/status`, 'utf8'))![1]) / 1024;
    const seconds: number[] = [];
    for (const [i, size] of EXPORT_SIZES.entries()) {
      const { data } = await gateway<{ organization: { contactsExport: { url: string } } }>(
        'query ($c: String!) { organization(code: $c) { contactsExport { url } } }',
        {
          c: orgs[i].code,
        },
      );
      const before = rss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
      const t0 = performance.now();
      const response = await fetch(new URL(data.organization.contactsExport.url, federation.urls.gateway), {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      seconds.push((performance.now() - t0) / 1000);
      clearInterval(sampler);
      console.log(
        `export of ${size} contacts through the gateway: ${seconds[i].toFixed(2)} s, contact subgraph RSS +${(peak - before).toFixed(0)} MB at peak`,
      );
    }
    if (EXPORT_SIZES.length === 2)
      console.log(
        `export ${EXPORT_SIZES[1]} / export ${EXPORT_SIZES[0]}: ${(seconds[1] / seconds[0]).toFixed(2)}× the time for ${(EXPORT_SIZES[1] / EXPORT_SIZES[0]).toFixed(1)}× the rows`,
      );
  } finally {
    await Promise.all([organizations, contacts].map((d) => (d.isInitialized ? d.destroy() : Promise.resolve())));
    await federation.stop(); // and drops the databases (on Ctrl-C too)
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
