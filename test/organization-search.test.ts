/**
 * @ecg-sources it imports modules of a subgraph by path (test/support/node-environment.js)
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Brackets, type DataSource } from 'typeorm';
import * as organizationSubgraph from '@ecg/organization';
import {
  dropDatabase,
  LIKE_ESCAPE,
  likeEscape,
  openDatabase,
  pageOffset,
  type DatabaseConfig,
  type PageRequest,
} from '@ecg/infrastructure';
import { Organization } from '../subgraphs/organization/src/organization/organization.entity';
import {
  SEARCH_COUNT_LIMIT,
  searchOrganizations,
} from '../subgraphs/organization/src/organization/organization.search';
import { generateOrganizations, random } from '../tools/src/organization-generator';
import { uniqueDatabaseUrl } from './support/database';

// The organization search goes through an index (codes by prefix on the code index,
// names through the gram table) and answers exactly what the old LIKE query answered, on a
// generated set of organizations, on MariaDB and on the embedded SQLite default.
const ORGANIZATIONS = 3000;
const RENAMED_ONE_IN = 10;

/** The search before it had an index, verbatim: code prefix or name infix by LIKE over the whole table. */
function referenceSearch(dataSource: DataSource, search: string, page: PageRequest, onlyId?: string) {
  const pattern = likeEscape(search);
  const query = dataSource
    .getRepository(Organization)
    .createQueryBuilder('o')
    .where(
      new Brackets((w) =>
        w
          .where(`o.code LIKE :prefix ${LIKE_ESCAPE}`, { prefix: `${pattern}%` })
          .orWhere(`o.name LIKE :infix ${LIKE_ESCAPE}`, { infix: `%${pattern}%` }),
      ),
    );
  if (onlyId) query.andWhere('o.id = :onlyId', { onlyId });
  return query.orderBy('o.code', 'ASC').skip(pageOffset(page)).take(page.pageSize).getManyAndCount();
}

/** Searches people type: code prefixes, pieces of names in any case, rarities, wildcards, nothing. */
function searches(rows: { code: string; name: string }[]) {
  const next = random(61);
  const list = new Set<string>([
    '4',
    '1',
    'A',
    'x1',
    'a',
    'e',
    'é',
    'É',
    'sch',
    'SCHOOL',
    'school dist',
    'county office',
    'TRUST',
    'ab',
    'Zz',
    'zz  t',
    '%',
    '_',
    '!',
    "'s",
    '% K',
    'A_B',
    'ñandú',
    'nandu',
    'qqq',
    'no such organization',
    'ville uni',
    'Ü',
  ]);
  for (let i = 0; i < 80; i++) {
    const row = rows[Math.floor(next() * rows.length)];
    const chars = Array.from(row.name);
    const length = 1 + Math.floor(next() * 12);
    const start = Math.floor(next() * Math.max(1, chars.length - length));
    const piece = chars
      .slice(start, start + length)
      .join('')
      .trim();
    if (piece) list.add(next() < 0.5 ? piece.toLowerCase() : piece);
    list.add(row.code.slice(0, 1 + Math.floor(next() * row.code.length)));
  }
  return [...list];
}

async function checkEquivalence(dataSource: DataSource) {
  const rows = generateOrganizations(ORGANIZATIONS);
  // Written through TypeORM as the service writes (the subscriber keeps the grams). One row in
  // ten is written first under its name reversed and then renamed, one entity at a time as the
  // service does: the searches then find stale grams if the subscriber misses an update. The
  // rename is a commit per row in the service; here a batch per transaction, as what is under
  // test is the subscriber's grams, not the commit.
  const renamed = (index: number) => index % RENAMED_ONE_IN === 0;
  for (let start = 0; start < rows.length; start += 500) {
    await dataSource.transaction((manager) =>
      manager.insert(
        Organization,
        rows.slice(start, start + 500).map((r, i) => ({
          ...r,
          name: renamed(start + i) ? r.name.split('').reverse().join('') : r.name,
          organizationType: 'SCHOOL_DISTRICT' as never,
          address: {} as never,
        })),
      ),
    );
  }
  await dataSource.transaction(async (manager) => {
    for (const row of rows.filter((_, index) => renamed(index))) {
      const organization = await manager.findOneByOrFail(Organization, { id: row.id });
      organization.name = row.name;
      await manager.save(organization);
    }
  });

  const ids = (items: Organization[]) => items.map((o) => o.id);
  let dense = 0;
  for (const search of searches(rows)) {
    const [expected, expectedTotal] = await referenceSearch(dataSource, search, { page: 1, pageSize: 25 });
    const pages =
      expectedTotal > SEARCH_COUNT_LIMIT
        ? [1, 2, 7]
        : Array.from({ length: Math.min(4, Math.ceil(expectedTotal / 25) + 1) }, (_, i) => i + 1);
    if (expectedTotal > SEARCH_COUNT_LIMIT) dense++;
    for (const page of pages) {
      const [items, total] = await searchOrganizations(dataSource, search, { page, pageSize: 25 });
      const [reference] = page === 1 ? [expected] : await referenceSearch(dataSource, search, { page, pageSize: 25 });
      expect({ search, page, items: ids(items), total }).toEqual({
        search,
        page,
        items: ids(reference),
        total: Math.min(expectedTotal, SEARCH_COUNT_LIMIT),
      });
    }
    // A contact's search: only its own organization, whatever matches elsewhere.
    const own = rows[search.length % rows.length].id;
    const [mine, mineTotal] = await searchOrganizations(dataSource, search, { page: 1, pageSize: 10 }, own);
    const [reference, referenceTotal] = await referenceSearch(dataSource, search, { page: 1, pageSize: 10 }, own);
    expect({ search, items: ids(mine), total: mineTotal }).toEqual({
      search,
      items: ids(reference),
      total: referenceTotal,
    });
  }
  expect(dense).toBeGreaterThan(3);
  return rows;
}

describe('organization search', () => {
  it('answers as the LIKE search did on MariaDB, and reads through indexes (EXPLAIN)', async () => {
    const url = uniqueDatabaseUrl('orgsearch');
    const db: DatabaseConfig = { kind: 'mysql', url, database: new URL(url).pathname.slice(1) };
    const dataSource = await openDatabase(db, organizationSubgraph);
    try {
      await checkEquivalence(dataSource);
      await dataSource.query('ANALYZE TABLE organization, organization_name_gram');

      // Every statement a rare search runs, explained: no table is read whole.
      const statements: [string, unknown[]][] = [];
      const logger = dataSource.logger;
      let recording = false;
      const record = (sql: string, parameters?: unknown[]) =>
        void (recording && statements.push([sql, parameters ?? []]));
      Object.assign(dataSource, { logger: Object.assign(Object.create(logger), { logQuery: record }) });
      for (const search of ['Elkbrook', 'lkbrook uni', 'Wo', 'x1', '4321', 'Réunies']) {
        recording = true;
        await searchOrganizations(dataSource, search, { page: 1, pageSize: 10 });
        recording = false;
        expect(statements.length).toBeGreaterThanOrEqual(1);
        for (const [sql, parameters] of statements.splice(0)) {
          const plan: { table: string; type: string; key: string | null }[] = await dataSource.query(
            `EXPLAIN ${sql}`,
            parameters,
          );
          const tables = plan.filter((p) => p.table && !p.table.startsWith('<'));
          expect({ search, sql, plan: tables.filter((p) => p.type === 'ALL' || p.type === 'index') }).toEqual({
            search,
            sql,
            plan: [],
          });
        }
      }
      Object.assign(dataSource, { logger });
    } finally {
      await dataSource.destroy();
      await dropDatabase(db);
    }
  }, 300_000);

  it('answers as the LIKE search did on the embedded SQLite default', async () => {
    const file = join(tmpdir(), `ecg-orgsearch-${process.pid}.sqlite`);
    const dataSource = await openDatabase({ kind: 'sqlite', file }, organizationSubgraph);
    try {
      await checkEquivalence(dataSource);
      const plan: { detail: string }[] = await dataSource.query(
        "EXPLAIN QUERY PLAN SELECT o.id FROM organization_name_gram g0 JOIN organization o ON o.id = g0.organizationId WHERE g0.gram = 'elk' AND o.name LIKE '%elkbrook%'",
      );
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/^SCAN/m);
    } finally {
      await dataSource.destroy();
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
    }
  }, 300_000);
});
