import { DataSource, type QueryRunner } from 'typeorm';
import * as contact from '@ecg/contact';
import * as credential from '@ecg/credential';
import * as organization from '@ecg/organization';
import { openDatabase, type DataSourceSpec } from '@ecg/infrastructure';
import { TEST_SERVER_URL } from './database';

/**
 * Migrate once per run, copy for each test file: the first federation of a `jest` run migrates
 * one template database per subgraph (about 2-3 s of DDL); every later one copies the migrated
 * tables and their rows (what the migrations wrote) into its own fresh databases, and its
 * subgraphs then find nothing left to migrate. Each file still gets databases of its own, and
 * the demo data, staff login and signing key are made by the subgraphs at start, as in a real one.
 * The run's id comes from the global set-up (test/support/global-setup.js), which also drops the
 * templates at the end (global-teardown.js).
 */
const SPECS: Record<string, DataSourceSpec> = { organization, contact, credential };

const run = process.env.ECG_TEST_RUN;
const templateName = (subgraph: string) => `ecgt_template_${run}_${subgraph}`;

/** One connection to the test server: the lock, `USE` and `foreign_key_checks` belong to it. */
async function onServer<T>(work: (server: QueryRunner) => Promise<T>): Promise<T> {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = '/';
  const dataSource = new DataSource({ type: 'mysql', url: url.toString() });
  await dataSource.initialize();
  const server = dataSource.createQueryRunner();
  try {
    await server.connect();
    return await work(server);
  } finally {
    await server.release();
    await dataSource.destroy();
  }
}

/** The run's templates, made by whichever worker gets here first (the others wait on its lock). */
async function ensureTemplates(server: QueryRunner): Promise<void> {
  const lock = `ecgt_template_${run}`;
  await server.query('SELECT GET_LOCK(?, 120)', [lock]);
  try {
    const ready = await server.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [
      templateName('ready'),
    ]);
    if (ready.length) return;
    await Promise.all(
      Object.entries(SPECS).map(async ([subgraph, spec]) => {
        const database = templateName(subgraph);
        const url = new URL(TEST_SERVER_URL);
        url.pathname = `/${database}`;
        const migrated = await openDatabase({ kind: 'mysql', url: url.toString(), database }, spec);
        await migrated.destroy();
      }),
    );
    await server.query(`CREATE DATABASE \`${templateName('ready')}\``);
  } finally {
    await server.query('SELECT RELEASE_LOCK(?)', [lock]);
  }
}

/** Copy one template's tables (keys, indexes and foreign keys as made) and rows into `target`. */
async function copyDatabase(server: QueryRunner, template: string, target: string): Promise<void> {
  await server.query(`CREATE DATABASE \`${target}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const tables: { name: string }[] = await server.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
    [template],
  );
  // The copied rows were checked when the migrations wrote them.
  await server.query('SET foreign_key_checks = 0');
  try {
    for (const { name } of tables) {
      const [created] = await server.query(`SHOW CREATE TABLE \`${template}\`.\`${name}\``);
      await server.query(`USE \`${target}\``);
      await server.query(created['Create Table']);
      await server.query(`INSERT INTO \`${target}\`.\`${name}\` SELECT * FROM \`${template}\`.\`${name}\``);
    }
  } finally {
    await server.query('SET foreign_key_checks = 1');
  }
}

/**
 * The databases `<prefix>_<subgraph>` of a federation about to start on `databaseUrl`, copied from
 * the run's migrated templates. Without a run id (a script outside jest) nothing is made, and the
 * subgraphs migrate as they do in production.
 */
export async function prepareFromTemplates(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  if (!run) return;
  const prefix = new URL(databaseUrl).pathname.slice(1);
  // A subgraph given a database of its own (`<NAME>_DATABASE_URL`) makes it itself.
  const subgraphs = Object.keys(SPECS).filter((name) => !env[`${name.toUpperCase()}_DATABASE_URL`]);
  await onServer(async (server) => {
    await ensureTemplates(server);
    for (const subgraph of subgraphs) await copyDatabase(server, templateName(subgraph), `${prefix}_${subgraph}`);
  });
}
