import { LessThan, type EntityManager } from 'typeorm';
import { InternetAccessRequest, InternetAccessRequestStatus } from './internet-access-request.entity';

/** A request nobody decided within this long lapses: the person may ask again. */
export const REQUEST_LAPSE_MS = 14 * 24 * 3600_000;

/** Whether an administrator let this membership sign in from the internet (and did not withdraw it). */
export async function hasInternetAccessGrant(manager: EntityManager, contactId: string): Promise<boolean> {
  return manager.existsBy(InternetAccessRequest, { contactId, status: InternetAccessRequestStatus.APPROVED });
}

/** The pending requests that have waited longer than the lapse at `now` (of `where`: one organization, one membership). */
export const undecidedSince = (
  now: Date,
  where: { organizationId?: string; contactId?: string; id?: string } = {},
) => ({
  ...where,
  status: InternetAccessRequestStatus.PENDING,
  requestedAt: LessThan(new Date(now.getTime() - REQUEST_LAPSE_MS)),
});

/**
 * Lapse one request, in the caller's transaction: true for the one caller (reader, replica) whose
 * update found it still pending, so that what goes with the lapse happens once per request.
 */
export async function lapseOne(manager: EntityManager, id: string, now: Date): Promise<boolean> {
  const changed = await manager.update(
    InternetAccessRequest,
    { id, status: InternetAccessRequestStatus.PENDING },
    { status: InternetAccessRequestStatus.LAPSED, decidedAt: now },
  );
  return changed.affected === 1;
}
