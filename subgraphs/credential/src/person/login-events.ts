import type { EntityManager } from 'typeorm';
import type { Principal } from '@ecg/policy';
import { recordEvent } from './account-events';
import { confirmedMembershipsOf } from './login-rows';

/**
 * An event of the person's login (a sign-in, a lock, a password change): in the audit trail of
 * every organization the person has confirmed, each seeing it as its own panel's event.
 */
export async function recordLoginEvent(
  manager: EntityManager,
  loginEssId: number,
  type: string,
  clientAddress: string | undefined,
  actor?: Principal,
  details?: string,
): Promise<void> {
  for (const membership of await confirmedMembershipsOf(manager, loginEssId))
    await recordEvent(manager, membership, type, clientAddress, actor, details);
}
