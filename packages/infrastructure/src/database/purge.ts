import { In, type DataSource, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import type { Logger } from '../server/logger';

/** At most this many rows go per table and run: a backlog is worked off over runs, never in one long lock. */
export const PURGE_BATCH = 1000;

/**
 * Delete up to `batch` rows of `entity` matching `where`, by primary key: two statements that
 * every replica may run at once (a row two replicas both pick is deleted once). MariaDB takes no
 * LIMIT in an IN subquery and SQLite no LIMIT on DELETE, so the keys are read first.
 */
export async function purgeBatch<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  key: keyof T & string,
  where: FindOptionsWhere<T>,
  batch = PURGE_BATCH,
): Promise<number> {
  const rows = await dataSource.getRepository(entity).find({ select: { [key]: true } as never, where, take: batch });
  if (!rows.length) return 0;
  const removed = await dataSource.getRepository(entity).delete({ [key]: In(rows.map((row) => row[key])) } as never);
  return removed.affected ?? rows.length;
}

/** Runs `work` every `everyMilliseconds` (first soon after start), until stopped; a failure is logged and retried next time. */
export function startPeriodic(name: string, everyMilliseconds: number, work: () => Promise<unknown>, logger: Logger) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = work()
      .then(() => undefined)
      .catch((error: Error) => logger.warn({ err: error.message, job: name }, 'periodic job failed; will retry'));
  };
  const first = setTimeout(run, Math.min(5_000, everyMilliseconds));
  const timer = setInterval(run, everyMilliseconds);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
    get stopped() {
      return stopped;
    },
  };
}
