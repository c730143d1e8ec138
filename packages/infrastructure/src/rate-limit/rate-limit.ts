import { appError } from '@ecg/policy';
import { LessThan, type DataSource } from 'typeorm';
import { purgeBatch } from '../database/purge';
import { withRetry } from '../database/retry';
import { RateLimitWindow } from './rate-limit.entity';
import { withAddressKey } from './client-address';
import { secondsUntilAllowed, slidingEstimate } from './sliding-window';

export interface RateLimit {
  /** Requests allowed in any `windowSeconds` (a sliding window: see `sliding-window.ts`). */
  limit: number;
  windowSeconds: number;
}

// One atomic upsert per hit. When the window has moved on, the finished window's hits become
// `previousHits` (or 0 when it is older than one window). MySQL assigns left to right, each
// assignment seeing the ones before it, so `previousHits` and `hits` read the old `windowStart`;
// SQLite's DO UPDATE reads the old row throughout. Both orders give the same row.
const UPSERT = {
  mysql:
    'INSERT INTO rate_limit (bucket, windowStart, hits, previousHits) VALUES (?, ?, 1, 0) ON DUPLICATE KEY UPDATE ' +
    'previousHits = IF(windowStart = VALUES(windowStart), previousHits, IF(windowStart = VALUES(windowStart) - ?, hits, 0)), ' +
    'hits = IF(windowStart = VALUES(windowStart), hits + 1, 1), windowStart = VALUES(windowStart)',
  sqlite:
    'INSERT INTO rate_limit (bucket, windowStart, hits, previousHits) VALUES (?, ?, 1, 0) ON CONFLICT(bucket) DO UPDATE SET ' +
    'previousHits = CASE WHEN windowStart = excluded.windowStart THEN previousHits WHEN windowStart = excluded.windowStart - ? THEN hits ELSE 0 END, ' +
    'hits = CASE WHEN windowStart = excluded.windowStart THEN hits + 1 ELSE 1 END, windowStart = excluded.windowStart',
};

/**
 * Count one hit on `bucket` and refuse it with RATE_LIMITED once more than `limit` hits fall in
 * the last `windowSeconds`. Refused hits count too, so hammering keeps a client refused. One
 * atomic upsert, so concurrent requests on any replica are all counted.
 */
export async function consumeRateLimit(
  dataSource: DataSource,
  bucket: string,
  { limit, windowSeconds }: RateLimit,
  now = Date.now(),
): Promise<void> {
  const nowSeconds = now / 1000;
  const windowStart = Math.floor(nowSeconds / windowSeconds) * windowSeconds;
  // A client address at the end of the name counts by network for IPv6 (see `client-address.ts`).
  const key = withAddressKey(bucket).slice(0, 200);
  const row = await withRetry(dataSource, async (manager) => {
    const sql = dataSource.options.type === 'better-sqlite3' ? UPSERT.sqlite : UPSERT.mysql;
    await manager.query(sql, [key, windowStart, windowSeconds]);
    const [counted] = await manager.query<{ hits: number | string; previousHits: number | string }[]>(
      'SELECT hits, previousHits FROM rate_limit WHERE bucket = ?',
      [key],
    );
    return counted;
  });
  const counts = {
    current: Number(row.hits),
    previous: Number(row.previousHits),
    elapsedSeconds: nowSeconds - windowStart,
    windowSeconds,
  };
  if (slidingEstimate(counts) > limit) {
    const retryAfterSeconds = secondsUntilAllowed(counts, limit);
    throw appError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/**
 * Rows whose windows ended long ago weigh nothing in any sliding window (the longest here is 15
 * minutes; two hours is far past it): purged in bounded batches by every subgraph.
 */
export const purgeStaleRateLimits = (dataSource: DataSource, now = Date.now()) =>
  purgeBatch(dataSource, RateLimitWindow, 'bucket', {
    windowStart: LessThan(String(Math.floor(now / 1000) - 2 * 3600)),
  });
