import { LessThan, type DataSource } from 'typeorm';
import { purgeBatch, startPeriodic, type Logger } from '@ecg/infrastructure';
import { AccountToken } from '../person/account-token.entity';
import { RefreshToken } from '../sessions/refresh-token.entity';

/** A day past expiry: long enough to read what happened to a link or a session, no longer. */
const KEEP_EXPIRED_MS = 24 * 3600_000;

/**
 * Expired one-time tokens (links, challenges, choice tokens, passkey ceremonies, step-up proofs)
 * and refresh tokens, purged in bounded batches by every replica. The ended-sessions list keeps
 * its own expiry (revocation/session-revocations.ts).
 */
export async function purgeExpired(dataSource: DataSource, now = Date.now()): Promise<number> {
  const before = new Date(now - KEEP_EXPIRED_MS);
  const tokens = await purgeBatch(dataSource, AccountToken, 'id', { expiresAt: LessThan(before) });
  const sessions = await purgeBatch(dataSource, RefreshToken, 'id', { expiresAt: LessThan(before) });
  return tokens + sessions;
}

export const startPurge = (dataSource: DataSource, logger: Logger) =>
  startPeriodic('purge expired tokens', 10 * 60_000, () => purgeExpired(dataSource), logger);
