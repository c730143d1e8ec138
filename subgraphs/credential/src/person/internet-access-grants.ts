import { LessThan, type EntityManager } from 'typeorm';
import { InternetAccessRequest, InternetAccessRequestStatus } from './internet-access-request.entity';

/** A request nobody decided within this long lapses: the person may ask again. */
export const REQUEST_LAPSE_MS = 14 * 24 * 3600_000;

/** Whether an administrator let this membership sign in from the internet (and did not withdraw it). */
export async function hasInternetAccessGrant(manager: EntityManager, contactId: string): Promise<boolean> {
  return manager.existsBy(InternetAccessRequest, { contactId, status: InternetAccessRequestStatus.APPROVED });
}

/** Pending requests older than the lapse, `now` given so that tests and callers agree on the time. */
export async function lapseUndecided(manager: EntityManager, now: Date): Promise<void> {
  await manager.update(
    InternetAccessRequest,
    {
      status: InternetAccessRequestStatus.PENDING,
      requestedAt: LessThan(new Date(now.getTime() - REQUEST_LAPSE_MS)),
    },
    { status: InternetAccessRequestStatus.LAPSED, decidedAt: now },
  );
}
