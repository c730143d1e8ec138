import { when } from '../../format';
import type { ContactDetailsQuery } from '../../graphql/generated';

type Reachability = NonNullable<NonNullable<ContactDetailsQuery['contact']>['emailReachability']>;
const day = (iso: string) => iso.slice(0, 10);

/** Whether the self-service mail reaches the contact, in words, with the date and what the mail server said. */
export function reachabilityText(r: Reachability | null | undefined): string {
  if (!r) return 'No primary email: mail cannot reach this person';
  switch (r.status) {
    case 'VERIFIED':
      return `Verified ${when(r.verifiedAt)} (a mailed secret was used)`;
    case 'UNDELIVERABLE':
      return `Undeliverable since ${when(r.undeliverableAt)}: ${r.serverResponse ?? 'refused by the mail server'}`;
    case 'INTERNAL_ONLY':
      return "Internal only: reaches the person only inside the organization's network";
    case 'TEMPORARY':
      return `Temporary address, review by ${r.temporaryReviewBy ? day(r.temporaryReviewBy) : '—'}`;
    default:
      return 'Unverified (no mailed secret used yet)';
  }
}
