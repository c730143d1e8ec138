import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import libsql from 'libsql';
import {
  DataSource,
  type DataSourceOptions,
  type EntitySchema,
  type EntitySubscriberInterface,
  type MigrationInterface,
  type MixedList,
} from 'typeorm';
import type { DatabaseConfig } from '../config/subgraph-config';
import { withStartupLock } from './startup-lock';

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
      : // TypeORM's better-sqlite3 driver over libsql, which speaks better-sqlite3's API and ships
        // prebuilt binaries on the npm registry: better-sqlite3 fetches its binaries from GitHub,
        // so an install without that access compiled SQLite (70 s of a 130-s `npm ci`).
        { ...common, type: 'better-sqlite3', driver: libsql, database: db.file, enableWAL: true };
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
 * Connect, waiting a little for a database just created: on a cluster, `CREATE DATABASE` went
 * through one node and this pool's first connection may land on another that has not applied it
 * yet (ER_BAD_DB_ERROR, 1049).
 */
async function initializeOnceCreated(dataSource: DataSource): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.initialize();
      return;
    } catch (error) {
      const { errno, driverError } = error as { errno?: number; driverError?: { errno?: number } };
      if ((errno ?? driverError?.errno) !== 1049 || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Create, connect and migrate (one replica at a time): what every subgraph does at start. */
export async function openDatabase(db: DatabaseConfig, spec: DataSourceSpec): Promise<DataSource> {
  const flavour = await ensureDatabase(db);
  const dataSource = createDataSource(db, spec, flavour);
  await initializeOnceCreated(dataSource);
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
