import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DataSource,
  type DataSourceOptions,
  type EntitySchema,
  type EntitySubscriberInterface,
  type MigrationInterface,
  type MixedList,
} from 'typeorm';
import type { DatabaseConfig } from '../config/subgraph-config';

export interface DataSourceSpec {
  /** Entity classes (whatever their constructor takes) or entity schemas. */
  entities: MixedList<(new (...args: never[]) => unknown) | EntitySchema>;
  migrations: MixedList<new () => MigrationInterface>;
  /** TypeORM entity subscribers (derived rows kept in step with their entity, e.g. a search index). */
  subscribers?: MixedList<new () => EntitySubscriberInterface>;
}

/** MySQL and MariaDB report column defaults differently; TypeORM must be told which it talks to. */
export type MysqlFlavour = 'mysql' | 'mariadb';

/** A TypeORM DataSource for one subgraph's own database: MySQL/MariaDB, or the embedded SQLite file. */
export function createDataSource(
  db: DatabaseConfig,
  spec: DataSourceSpec,
  flavour: MysqlFlavour = 'mysql',
): DataSource {
  const common = {
    entities: spec.entities,
    migrations: spec.migrations,
    subscribers: spec.subscribers ?? [],
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  const options: DataSourceOptions =
    db.kind === 'mysql'
      ? {
          ...common,
          type: flavour,
          url: db.url,
          charset: 'utf8mb4_unicode_ci',
          timezone: 'Z',
          // Fail a request quickly rather than hang it when the server is away.
          connectTimeout: 5000,
          // mysql2 captures a stack trace for every statement (to add the caller's frames to a
          // failure); TypeORM raises its own QueryFailedError with its own stack, so that capture
          // (3% of the contact subgraph's CPU under load) bought nothing.
          trace: false,
          extra: { connectionLimit: 10, enableKeepAlive: true },
        }
      : { ...common, type: 'better-sqlite3', database: db.file, enableWAL: true };
  return new DataSource(options);
}

/** Create the database if it does not exist yet (MySQL) or its folder (SQLite); tell MariaDB from MySQL. */
export async function ensureDatabase(db: DatabaseConfig): Promise<MysqlFlavour> {
  if (db.kind === 'sqlite') {
    mkdirSync(dirname(db.file), { recursive: true });
    return 'mysql';
  }
  const server = new URL(db.url);
  server.pathname = '/';
  const admin = new DataSource({ type: 'mysql', url: server.toString() });
  await admin.initialize();
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [{ version }] = await admin.query<{ version: string }[]>('SELECT VERSION() AS version');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await admin.destroy();
  }
}

/**
 * Run `work` while holding this database's startup lock (MySQL/MariaDB `GET_LOCK`, server-wide,
 * released if the connection drops): replicas starting together on one database take turns to
 * migrate and to create what must exist once (demo rows, the first staff login, the signing key),
 * instead of both finding it missing and both creating it. SQLite has one process anyway.
 */
export async function withStartupLock<T>(
  db: DatabaseConfig,
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  if (db.kind !== 'mysql') return work();
  // Lock names are at most 64 characters and shared by every database of the server.
  const name = `ecg-startup-${createHash('sha256').update(db.database).digest('hex').slice(0, 40)}`;
  const runner = dataSource.createQueryRunner();
  try {
    // QueryRunner.query is untyped: GET_LOCK answers 1, 0 (timed out) or NULL, as a number or a string by driver.
    const [{ locked }] = (await runner.query('SELECT GET_LOCK(?, 120) AS locked', [name])) as {
      locked: number | string | null;
    }[];
    if (Number(locked) !== 1)
      throw new Error(`database ${db.database}: another replica held the startup lock for 2 minutes`);
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}

/** Create, connect and migrate (one replica at a time): what every subgraph does at start. */
export async function openDatabase(db: DatabaseConfig, spec: DataSourceSpec): Promise<DataSource> {
  const flavour = await ensureDatabase(db);
  const dataSource = createDataSource(db, spec, flavour);
  await dataSource.initialize();
  try {
    await withStartupLock(db, dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Drop a MySQL database; used by tests that create one per run. */
export async function dropDatabase(db: DatabaseConfig): Promise<void> {
  if (db.kind !== 'mysql') return;
  const server = new URL(db.url);
  server.pathname = '/';
  const admin = new DataSource({ type: 'mysql', url: server.toString() });
  await admin.initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${db.database}\``);
  } finally {
    await admin.destroy();
  }
}
