import { randomUUID } from 'node:crypto';
import { IsNull, LessThan, LessThanOrEqual, Or, type DataSource, type EntityManager } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import type { SendMail } from './mailer';
import { OutboxMessage } from './outbox-message.entity';
import { recordUndeliverable } from './reachability';

/** Queue a message in the caller's transaction: it is sent only if the change commits (not before `notBefore`); its id. */
export async function enqueueMail(
  manager: EntityManager,
  mail: { recipient: string; subject: string; body: string },
  notBefore = new Date(),
): Promise<string> {
  const id = randomUUID();
  await manager.insert(OutboxMessage, {
    id,
    ...mail,
    attempts: 0,
    nextAttemptAt: notBefore,
    claimedUntil: null,
    sentAt: null,
    refusedAt: null,
    lastError: null,
  });
  return id;
}

export interface DispatcherOptions {
  pollMilliseconds: number;
  maxBackoffSeconds: number;
}

/**
 * The mail server's words when it refused the recipient for good: a 5xx answer to RCPT TO or
 * after DATA. Anything else (4xx, the server away, a 5xx to the connection) may pass.
 */
export function permanentRefusal(error: unknown): string | null {
  const { code, responseCode, response } = error as { code?: string; responseCode?: number; response?: string };
  const aboutTheMessage = code === 'EENVELOPE' || code === 'EMESSAGE';
  if (!aboutTheMessage || !responseCode || responseCode < 500 || responseCode > 599) return null;
  return String(response ?? (error as Error).message);
}

/**
 * Sends what the outbox holds, oldest first. A message is claimed before it is sent, so replicas
 * never send it twice at once; a failure waits 1, 2, 4, ... seconds (capped) before the next try,
 * except a permanent refusal, which is never retried and marks the address undeliverable.
 */
export function startDispatcher(dataSource: DataSource, send: SendMail, logger: Logger, options: DispatcherOptions) {
  const outbox = dataSource.getRepository(OutboxMessage);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function deliver(message: OutboxMessage): Promise<void> {
    const now = new Date();
    const claim = await outbox.update(
      { id: message.id, sentAt: IsNull(), refusedAt: IsNull(), claimedUntil: Or(IsNull(), LessThan(now)) },
      { claimedUntil: new Date(now.getTime() + 60_000) },
    );
    if (claim.affected !== 1) return;
    try {
      await send({ id: message.id, recipient: message.recipient, subject: message.subject, body: message.body ?? '' });
      await outbox.update({ id: message.id }, { sentAt: new Date(), body: null, claimedUntil: null, lastError: null });
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (refusal) return refused(message, refusal);
      const attempts = message.attempts + 1;
      const wait = Math.min(2 ** (attempts - 1), options.maxBackoffSeconds);
      await outbox.update(
        { id: message.id },
        {
          attempts,
          nextAttemptAt: new Date(Date.now() + wait * 1000),
          claimedUntil: null,
          lastError: String((error as Error).message).slice(0, 500),
        },
      );
      logger.warn(
        { outboxId: message.id, attempts, retryInSeconds: wait, err: (error as Error).message },
        'mail not sent; will retry',
      );
    }
  }

  async function refused(message: OutboxMessage, reason: string): Promise<void> {
    await dataSource.transaction(async (manager) => {
      const at = new Date();
      await manager.update(
        OutboxMessage,
        { id: message.id },
        {
          refusedAt: at,
          body: null,
          claimedUntil: null,
          attempts: message.attempts + 1,
          lastError: reason.slice(0, 500),
        },
      );
      await recordUndeliverable(manager, message.recipient, reason, at);
    });
    logger.warn({ outboxId: message.id, response: reason }, 'mail refused for good by the mail server; not retried');
  }

  async function tick(): Promise<void> {
    try {
      const now = new Date();
      const due = await outbox.find({
        where: {
          sentAt: IsNull(),
          refusedAt: IsNull(),
          nextAttemptAt: LessThanOrEqual(now),
          claimedUntil: Or(IsNull(), LessThan(now)),
        },
        order: { createdAt: 'ASC' },
        take: 20,
      });
      for (const message of due) await deliver(message);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'outbox dispatch failed; will retry');
    }
  }

  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.pollMilliseconds);
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
