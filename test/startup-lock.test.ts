import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  withStartupLock,
  type DatabaseConfig,
} from '@ecg/infrastructure';
import type { DataSource } from 'typeorm';
import { uniqueDatabaseUrl } from './support/database';

// The start-up lock is a row with a lease in the database itself (a Galera cluster refuses
// GET_LOCK and replicates rows): replicas take turns, and a replica killed while holding it
// blocks the others only until its lease runs out.
let db: DatabaseConfig;
let dataSources: DataSource[];

beforeAll(async () => {
  const url = uniqueDatabaseUrl('lease');
  db = { kind: 'mysql', url, database: new URL(url).pathname.slice(1) };
  const flavour = await ensureDatabase(db);
  // Two pools: two replicas, each with its own connections.
  dataSources = [
    createDataSource(db, { entities: [], migrations: [] }, flavour),
    createDataSource(db, { entities: [], migrations: [] }, flavour),
  ];
  await Promise.all(dataSources.map((d) => d.initialize()));
});
afterAll(async () => {
  await Promise.all(dataSources.map((d) => d.destroy()));
  await dropDatabase(db);
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the start-up lock', () => {
  it('lets four starters on two pools in one at a time, and each finds what the one before made', async () => {
    const log: string[] = [];
    let made = 0;
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        withStartupLock(db, dataSources[i % 2], async () => {
          log.push(`in ${i}`);
          // Whoever finds nothing makes it: exactly once when the lock is held.
          if (made === 0) {
            await pause(200);
            made++;
          }
          await pause(50);
          log.push(`out ${i}`);
        }),
      ),
    );
    expect(made).toBe(1);
    // Strictly in turn: every "in" is followed by the same starter's "out".
    const turns = Array.from({ length: 4 }, (_, k) => [log[2 * k].split(' ')[1], log[2 * k + 1]]);
    for (const [who, next] of turns) expect(next).toBe(`out ${who}`);
    expect(await dataSources[0].query('SELECT name FROM startup_lock')).toEqual([]);
  });

  it('waits for a holder whose lease is still running, even one that holds no connection', async () => {
    // A replica killed mid-start leaves its row: its lease (30 s) outlives its connection.
    await dataSources[0].query(
      "INSERT INTO startup_lock (name, holder, expiresAt) VALUES ('startup', 'killed', UTC_TIMESTAMP(3) + INTERVAL 2 SECOND)",
    );
    const started = Date.now();
    let ranAfter = 0;
    await withStartupLock(db, dataSources[1], async () => void (ranAfter = Date.now() - started));
    expect(ranAfter).toBeGreaterThanOrEqual(1500);
  });

  it('takes over a lease that ran out at once', async () => {
    await dataSources[0].query(
      "INSERT INTO startup_lock (name, holder, expiresAt) VALUES ('startup', 'long gone', UTC_TIMESTAMP(3) - INTERVAL 1 SECOND)",
    );
    const started = Date.now();
    let ranAfter = -1;
    await withStartupLock(db, dataSources[1], async () => void (ranAfter = Date.now() - started));
    expect(ranAfter).toBeGreaterThanOrEqual(0);
    // Far below the 30 s a running lease would hold it.
    expect(ranAfter).toBeLessThan(10_000);
  });
});
