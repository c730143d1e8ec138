import { LessThan, type DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { PasswordResetRequest } from './password-reset-request.entity';

const STALE_MS = 3600_000;

/**
 * Works through the queued password-reset requests, oldest first: the lookup, the link and the
 * mail happen here, away from the request, so every name is answered alike. A request that keeps
 * failing (a subgraph down) is retried on the next poll and given up after an hour.
 */
export function startPasswordResetQueue(
  dataSource: DataSource,
  send: (request: PasswordResetRequest) => Promise<void>,
  logger: Logger,
  pollMilliseconds: number,
) {
  const queue = dataSource.getRepository(PasswordResetRequest);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function tick(): Promise<void> {
    try {
      await queue.delete({ createdAt: LessThan(new Date(Date.now() - STALE_MS)) });
      for (const request of await queue.find({ order: { createdAt: 'ASC' }, take: 20 })) {
        if (stopped) return;
        try {
          await send(request);
        } catch (error) {
          logger.warn(
            { requestId: request.id, err: (error as Error).message },
            'password reset request not handled; will retry',
          );
        }
      }
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'password reset queue failed; will retry');
    }
  }

  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMilliseconds);
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
