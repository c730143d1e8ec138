import type { DataSource } from 'typeorm';
import { consumeRateLimit } from '@ecg/infrastructure';
import type { CredentialConfig } from '../config';
import { normalizeUserName } from '../person/user-name';

/**
 * Every password check against a login (sign-in, and changePassword's current password) spends
 * from the same per-minute budgets: one per client address, one per user name. Refused before
 * any password is hashed: guessing costs the guesser, not the server.
 */
export async function consumeSignInLimits(
  dataSource: DataSource,
  config: CredentialConfig,
  clientAddress: string | undefined,
  userName: string,
): Promise<void> {
  const limits = config.loginRateLimit;
  await consumeRateLimit(dataSource, `login:address:${clientAddress}`, { limit: limits.perAddress, windowSeconds: 60 });
  await consumeRateLimit(dataSource, `login:user:${normalizeUserName(userName)}`, {
    limit: limits.perUserName,
    windowSeconds: 60,
  });
}
