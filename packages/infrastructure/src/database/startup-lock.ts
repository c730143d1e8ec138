import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/subgraph-config';
import { isRetryableConflict } from './retry';

/** How long a holder's claim lasts unless renewed: a replica killed while holding it blocks the others this long. */
const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
const WAIT_AT_MOST_MS = 120_000;

// Made outside the migrations, which run under this lock. Rows, not GET_LOCK: a Galera cluster
// refuses GET_LOCK (error 1235) and replicates rows to every node.
const CREATE = `CREATE TABLE IF NOT EXISTS startup_lock (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  holder VARCHAR(64) NOT NULL,
  expiresAt DATETIME(3) NOT NULL
) ENGINE=InnoDB`;
const UNTIL = 'UTC_TIMESTAMP(3) + INTERVAL ? SECOND';

type Affected = { affectedRows?: number };
const affected = (result: unknown) => (result as Affected).affectedRows ?? 0;

/** One try to hold `name`: insert the row, or take it over once its lease ran out. */
async function tryTake(dataSource: DataSource, name: string, holder: string): Promise<boolean> {
  try {
    // On a cluster two nodes may insert at once: one commits, the other is answered 1213.
    const inserted: unknown = await dataSource.query(
      `INSERT IGNORE INTO startup_lock (name, holder, expiresAt) VALUES (?, ?, ${UNTIL})`,
      [name, holder, LEASE_SECONDS],
    );
    if (affected(inserted) === 1) return true;
    const taken: unknown = await dataSource.query(
      `UPDATE startup_lock SET holder = ?, expiresAt = ${UNTIL} WHERE name = ? AND expiresAt < UTC_TIMESTAMP(3)`,
      [holder, LEASE_SECONDS, name],
    );
    return affected(taken) === 1;
  } catch (error) {
    if (isRetryableConflict(error)) return false;
    throw error;
  }
}

/** Hold the lock `name` of this database: wait for it, keep its lease renewed, and a function to let it go. */
export async function takeLeaseLock(dataSource: DataSource, name: string): Promise<() => Promise<void>> {
  await dataSource.query(CREATE);
  const holder = randomUUID();
  const deadline = Date.now() + WAIT_AT_MOST_MS;
  while (!(await tryTake(dataSource, name, holder))) {
    if (Date.now() > deadline) throw new Error(`another replica held the startup lock for 2 minutes`);
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
  const renew = setInterval(() => {
    dataSource
      .query(`UPDATE startup_lock SET expiresAt = ${UNTIL} WHERE name = ? AND holder = ?`, [
        LEASE_SECONDS,
        name,
        holder,
      ])
      .catch(() => undefined); // a missed renewal is retried at the next tick; the lease outlasts two
  }, RENEW_EVERY_MS);
  return async () => {
    clearInterval(renew);
    await dataSource.query('DELETE FROM startup_lock WHERE name = ? AND holder = ?', [name, holder]);
  };
}

/**
 * Run `work` while holding this database's startup lock (a row with a lease, in the database
 * itself): replicas starting together, on one server or on several nodes of a cluster, take turns
 * to migrate and to create what must exist once (demo rows, the first staff login, the signing
 * key), instead of both finding it missing and both creating it. SQLite has one process anyway.
 * A holder that dies is waited for until its lease runs out.
 */
export async function withStartupLock<T>(
  db: DatabaseConfig,
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  if (db.kind !== 'mysql') return work();
  const release = await takeLeaseLock(dataSource, 'startup');
  try {
    return await work();
  } finally {
    await release();
  }
}
