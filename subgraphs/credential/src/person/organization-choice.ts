import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { sha256 } from '../crypto/sha256';
import { AccountToken } from './account-token.entity';
import { invalidLink } from '../errors/credential-errors';

/** How long the organization chooser may wait after the password was checked. */
export const CHOICE_LIFETIME_MS = 5 * 60_000;

/**
 * A one-time token that stands for "this person gave the right password just now", spent by
 * `chooseOrganization`. Unlike unlock and reset links, a new one does not spend the older ones:
 * two browsers may sign in at once.
 */
export async function issueChoiceToken(manager: EntityManager, loginEssId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await manager.insert(AccountToken, {
    id: randomUUID(),
    tokenHash: sha256(token),
    essId: loginEssId,
    purpose: 'CHOOSE',
    expiresAt: new Date(Date.now() + CHOICE_LIFETIME_MS),
    usedAt: null,
  });
  return token;
}

/** Spend a choice token once: the login it was issued for, or INVALID_TOKEN. */
export async function spendChoiceToken(manager: EntityManager, token: string): Promise<number> {
  const row = await manager.findOneBy(AccountToken, {
    tokenHash: sha256(token),
    purpose: 'CHOOSE',
    usedAt: IsNull(),
    expiresAt: MoreThan(new Date()),
  });
  const spent = row && (await manager.update(AccountToken, { id: row.id, usedAt: IsNull() }, { usedAt: new Date() }));
  if (!row || spent?.affected !== 1) throw invalidLink();
  return row.essId;
}
