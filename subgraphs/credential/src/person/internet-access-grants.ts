import { LessThan, MoreThan, type EntityManager } from 'typeorm';
import { InternetAccessRequest, InternetAccessRequestStatus } from './internet-access-request.entity';

/** A request nobody decided within this long lapses: the person may ask again. */
export const REQUEST_LAPSE_MS = 14 * 24 * 3600_000;

/** A denial stands this long (as long as a request waits before it lapses): a request within it changes nothing. */
export const DENIAL_STANDS_MS = REQUEST_LAPSE_MS;

/** The membership's latest denial that still stands at `now`, or null. */
export const standingDenial = (manager: EntityManager, contactId: string, now: Date) =>
  manager.findOne(InternetAccessRequest, {
    where: {
      contactId,
      status: InternetAccessRequestStatus.DENIED,
      decidedAt: MoreThan(new Date(now.getTime() - DENIAL_STANDS_MS)),
    },
    order: { decidedAt: 'DESC' },
  });

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
