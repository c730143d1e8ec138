import type { DataSource, EntityManager } from 'typeorm';

/**
 * MySQL errors after which the whole transaction was rolled back and may simply run again:
 * 1213 (ER_LOCK_DEADLOCK) is what a Galera cluster answers at commit when another node committed a
 * write to the same rows first (a certification conflict), and what InnoDB answers to a deadlock;
 * 1205 (ER_LOCK_WAIT_TIMEOUT) only rolls back the statement, so it is retried here only because
 * every caller runs inside `withRetry`'s transaction, which is rolled back as a whole first.
 */
const RETRYABLE = new Set([1213, 1205]);

/** Whether `error` (a TypeORM QueryFailedError or a mysql2 error) is a conflict worth running again. */
export function isRetryableConflict(error: unknown): boolean {
  const e = error as { errno?: number; driverError?: { errno?: number } } | null;
  const errno = e?.driverError?.errno ?? e?.errno;
  return errno !== undefined && RETRYABLE.has(errno);
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** The first wait before a retry; each next one doubles, each with full jitter. */
  baseDelayMs?: number;
}

/**
 * Run `work` in a transaction of its own; when it is refused with a conflict (another node or
 * transaction wrote the same rows first), roll it back and run all of it again, a few times, after
 * a random wait that grows. Nothing outside the database may happen inside `work`: a retry would
 * do it twice. Mail goes through the outbox (queued in the transaction, sent after commit).
 */
export async function withRetry<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  { attempts = 5, baseDelayMs = 20 }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // Full jitter: conflicting callers, which failed together, do not all come back together.
      await new Promise((r) => setTimeout(r, Math.random() * baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * The row lock of a read that decides a write (`SELECT … FOR UPDATE`), inside a transaction. SQLite
 * has none and needs none: it lets one writer at a time in, and TypeORM refuses the option there.
 */
export const writeLock = (manager: EntityManager): { mode: 'pessimistic_write' } | undefined =>
  manager.connection.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' };
