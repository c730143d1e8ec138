import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '@ecg/policy';
import type { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { sha256 } from '../crypto/sha256';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';
import { SecurityEvent } from './security-event.entity';

/** Nobody acted: the product itself did it when a time ran out (a request for internet access lapsed). */
export const SYSTEM = 'SYSTEM';

/**
 * Record a security event in the caller's transaction. `actor` absent: the login's owner; SYSTEM:
 * nobody, a time ran out; `details`: what the actor recorded.
 */
export async function recordEvent(
  manager: EntityManager,
  account: Pick<SelfServiceAccount, 'contactId' | 'organizationId'>,
  type: string,
  clientAddress: string | undefined,
  actor?: Principal | typeof SYSTEM,
  details?: string,
) {
  const by = actor && actor !== SYSTEM && (actor.kind === 'contact' || actor.kind === 'staff') ? actor : null;
  await manager.insert(SecurityEvent, {
    id: randomUUID(),
    contactId: account.contactId,
    organizationId: account.organizationId,
    type,
    actorKind: actor === SYSTEM ? SYSTEM : by ? by.kind.toUpperCase() : 'SELF',
    actorId: by?.id ?? null,
    clientAddress: clientAddress?.slice(0, 45) ?? null,
    details: details?.slice(0, 1000) ?? null,
  });
}

// No look-alike characters (0/O, 1/l/I): people type these from an email.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const temporaryPassword = () => Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** A one-time link token; only its hash is kept. A new link spends every older one of its kind. */
export async function issueAccountToken(
  manager: EntityManager,
  essId: number,
  purpose: AccountTokenPurpose,
  lifetimeMs: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await manager.update(AccountToken, { essId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
  await manager.insert(AccountToken, {
    id: randomUUID(),
    tokenHash: sha256(token),
    essId,
    purpose,
    expiresAt: new Date(Date.now() + lifetimeMs),
    usedAt: null,
  });
  return token;
}

export const HOUR = 3600_000;
