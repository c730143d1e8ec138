import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { withAddressKey } from './client-address';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Count one hit on `bucket` and refuse it with RATE_LIMITED once the window's limit is passed.
 * One atomic upsert, so concurrent requests on any replica are all counted.
 */
export async function consumeRateLimit(
  dataSource: DataSource,
  bucket: string,
  { limit, windowSeconds }: RateLimit,
  now = Date.now(),
): Promise<void> {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  // A client address at the end of the name counts by network for IPv6 (see `client-address.ts`).
  const key = withAddressKey(bucket).slice(0, 200);
  const hits = await dataSource.transaction(async (manager) => {
    if (dataSource.options.type === 'better-sqlite3') {
      await manager.query(
        'INSERT INTO rate_limit (bucket, windowStart, hits) VALUES (?, ?, 1) ON CONFLICT(bucket) DO UPDATE SET hits = CASE WHEN windowStart = excluded.windowStart THEN hits + 1 ELSE 1 END, windowStart = excluded.windowStart',
        [key, windowStart],
      );
    } else {
      // MySQL assigns left to right: `hits` is computed while `windowStart` still holds the old window.
      await manager.query(
        'INSERT INTO rate_limit (bucket, windowStart, hits) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE hits = IF(windowStart = VALUES(windowStart), hits + 1, 1), windowStart = VALUES(windowStart)',
        [key, windowStart],
      );
    }
    const [row] = await manager.query<{ hits: number | string }[]>('SELECT hits FROM rate_limit WHERE bucket = ?', [
      key,
    ]);
    return Number(row.hits);
  });
  if (hits > limit) {
    const retryAfterSeconds = Math.max(1, windowStart + windowSeconds - Math.floor(now / 1000));
    throw new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} s.`, {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
    });
  }
}
