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

/**
 * The two halves of a passkey sign-in, per client address: nothing names a user before the
 * assertion is checked, and each start stores a ceremony, so an address gets a sign-in's budget
 * for each half (`LOGIN_LIMIT_PER_ADDRESS`).
 */
export async function consumePasskeySignInLimit(
  dataSource: DataSource,
  config: CredentialConfig,
  step: 'startPasskeySignIn' | 'signInWithPasskey',
  clientAddress: string | undefined,
): Promise<void> {
  await consumeRateLimit(dataSource, `${step}:${clientAddress}`, {
    limit: config.loginRateLimit.perAddress,
    windowSeconds: 60,
  });
}
