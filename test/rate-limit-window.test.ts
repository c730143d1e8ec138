import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  consumeRateLimit,
  dropDatabase,
  openDatabase,
  rateLimitModule,
  type DatabaseConfig,
} from '@ecg/infrastructure';
import { uniqueDatabaseUrl } from './support/database';

// The rate limit counts over a sliding minute on both drivers: a client cannot spend two budgets
// by straddling a window's edge (a fixed window allowed 2 × limit in two seconds).
const LIMIT = { limit: 5, windowSeconds: 60 };
const EDGE = 1_800_000_000_000; // a multiple of 60 s, in ms

async function outcomes(dataSource: DataSource, bucket: string, times: number[]): Promise<string[]> {
  const seen: string[] = [];
  for (const at of times) {
    seen.push(
      await consumeRateLimit(dataSource, bucket, LIMIT, at).then(
        () => 'ok',
        (e) => `${e.extensions.code} ${e.extensions.retryAfterSeconds}`,
      ),
    );
  }
  return seen;
}

const databases: [string, () => DatabaseConfig][] = [
  [
    'MariaDB',
    () => {
      const url = uniqueDatabaseUrl('ratewin');
      return { kind: 'mysql', url, database: new URL(url).pathname.slice(1) };
    },
  ],
  ['SQLite', () => ({ kind: 'sqlite', file: join(tmpdir(), `ecg-ratewin-${process.pid}.sqlite`) })],
];

describe.each(databases)('consumeRateLimit on %s', (_name, configure) => {
  let db: DatabaseConfig;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = configure();
    dataSource = await openDatabase(db, rateLimitModule as Parameters<typeof openDatabase>[1]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    if (db.kind === 'mysql') await dropDatabase(db);
    else rmSync(db.file, { force: true });
  });

  it('refuses the sixth hit of a burst that straddles a window edge', async () => {
    const burst = [-3000, -2000, -1000, 0, 1000, 2000, 3000].map((ms) => EDGE + ms);
    expect(await outcomes(dataSource, 'edge', burst)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'RATE_LIMITED 38',
      'RATE_LIMITED 57',
    ]);
  });

  it('lets the previous window fade: 5 hits at its start are all forgotten a minute later', async () => {
    const early = [0, 1, 2, 3, 4].map((s) => EDGE + s * 1000);
    expect(await outcomes(dataSource, 'fade', early)).toEqual(Array(5).fill('ok'));
    // 30 s into the next window half of the 5 still count: 2.5 + 3 > 5.
    expect(await outcomes(dataSource, 'fade', [EDGE + 90_000, EDGE + 90_000, EDGE + 90_000])).toEqual([
      'ok',
      'ok',
      'RATE_LIMITED 18',
    ]);
    // 55 s into the window after that, those 3 weigh 0.25.
    expect(await outcomes(dataSource, 'fade', [EDGE + 175_000])).toEqual(['ok']);
  });

  it('lets a client in when it comes back after the retry time it was given', async () => {
    // Kept over by the previous window: it fades enough within this one.
    const late = [-30, -29, -28, -27, -26].map((s) => EDGE + s * 1000);
    const [refused] = (await outcomes(dataSource, 'told-previous', [...late, EDGE + 10_000])).slice(-1);
    expect(refused).toBe('RATE_LIMITED 14');
    expect(await outcomes(dataSource, 'told-previous', [EDGE + 24_000])).toEqual(['ok']);
    // Over in the current window alone: it must fade in the next window, so the wait passes the minute.
    const early = [0, 1, 2, 3, 4, 5].map((s) => EDGE + s * 1000);
    expect((await outcomes(dataSource, 'told-current', early)).slice(-1)).toEqual(['RATE_LIMITED 75']);
    expect(await outcomes(dataSource, 'told-current', [EDGE + 80_000])).toEqual(['ok']);
  });

  it('keeps buckets apart and starts afresh after a quiet window', async () => {
    const five = [0, 1, 2, 3, 4].map((s) => EDGE + s * 1000);
    expect(await outcomes(dataSource, 'quiet', [...five, EDGE + 5000])).toEqual([
      ...Array(5).fill('ok'),
      'RATE_LIMITED 75',
    ]);
    expect(await outcomes(dataSource, 'other', five)).toEqual(Array(5).fill('ok'));
    expect(await outcomes(dataSource, 'quiet', [EDGE + 125_000, EDGE + 125_000])).toEqual(['ok', 'ok']);
  });
});
