import { In, type EntityManager } from 'typeorm';
import { EmailReachabilityRow } from './email-reachability.entity';

/** Addresses are kept as user names are: trimmed, NFKC, lower case. */
export const addressKey = (address: string) => address.normalize('NFKC').trim().toLowerCase();

async function touch(manager: EntityManager, address: string, change: Partial<EmailReachabilityRow>): Promise<void> {
  const key = addressKey(address);
  // Insert-or-ignore, then update: both drivers, and two replicas recording at once agree.
  await manager
    .createQueryBuilder()
    .insert()
    .into(EmailReachabilityRow)
    .values({ address: key, verifiedAt: null, undeliverableAt: null, undeliverableReason: null })
    .orIgnore()
    .execute();
  await manager.update(EmailReachabilityRow, { address: key }, change);
}

/** The person used a secret mailed to this address (temporary password, reset or unlock link). */
export const recordVerified = (manager: EntityManager, address: string, at = new Date()) =>
  touch(manager, address, { verifiedAt: at });

/** The mail server refused this address for good, in these words. */
export const recordUndeliverable = (manager: EntityManager, address: string, reason: string, at = new Date()) =>
  touch(manager, address, { undeliverableAt: at, undeliverableReason: reason.slice(0, 500) });

/** What is known of each address, by its key. */
export async function reachabilityRows(manager: EntityManager, addresses: string[]) {
  const keys = [...new Set(addresses.map(addressKey))];
  const rows = keys.length ? await manager.findBy(EmailReachabilityRow, { address: In(keys) }) : [];
  return new Map(rows.map((row) => [row.address, row]));
}
