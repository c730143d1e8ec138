import { Field, ObjectType } from 'type-graphql';
import { Contact } from '../contact/contact.entity';
import { EmailReachability, EmailReachabilityStatus } from './email-reachability.type';

@ObjectType({ description: 'A contact whose self-service mail may not reach them: what is wrong and what to do.' })
export class EmailReachabilityIssue {
  @Field(() => Contact)
  contact: Contact;

  @Field(() => EmailReachability, { nullable: true, description: 'Null when the contact has no primary email.' })
  reachability: EmailReachability | null;

  @Field(() => Boolean, { description: 'A temporary address whose review date has passed.' })
  overdue: boolean;

  @Field(() => String, { description: 'What is wrong, in words an administrator reads.' })
  problem: string;

  @Field(() => String, { description: 'What to do about it.' })
  action: string;

  constructor(values: EmailReachabilityIssue) {
    Object.assign(this, values);
  }
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** What is wrong and what to do, for a status that is a problem; null for one that is not. */
export function issueOf(
  contactId: string,
  reachability: EmailReachability | null,
  now: Date,
): EmailReachabilityIssue | null {
  const contact = new Contact(contactId);
  const issue = (problem: string, action: string, overdue = false) =>
    new EmailReachabilityIssue({ contact, reachability, overdue, problem, action });
  if (!reachability)
    return issue(
      'No primary email: no temporary password, reset or unlock link can reach this person.',
      'Add their email address, or help them with an assisted reset.',
    );
  const { status, undeliverableAt, serverResponse, temporaryReviewBy } = reachability;
  switch (status) {
    case EmailReachabilityStatus.UNDELIVERABLE:
      return issue(
        `The mail server refused this address on ${day(undeliverableAt!)}: ${serverResponse ?? 'no reason given'}.`,
        'Correct the primary email address, or help them with an assisted reset.',
      );
    case EmailReachabilityStatus.TEMPORARY: {
      const overdue = temporaryReviewBy!.getTime() <= now.getTime();
      return issue(
        `A temporary address, to review by ${day(temporaryReviewBy!)}${overdue ? ' (overdue)' : ''}.`,
        'Ask the person for a lasting address and save it, or set a new review date.',
        overdue,
      );
    }
    case EmailReachabilityStatus.INTERNAL_ONLY:
      return issue(
        "The address works only inside the organization's network: mail does not reach them elsewhere.",
        'Ask for an address they can read anywhere, or help them with an assisted reset.',
      );
    default:
      return null;
  }
}

const RANK: Partial<Record<EmailReachabilityStatus, number>> = { UNDELIVERABLE: 1, INTERNAL_ONLY: 3, TEMPORARY: 4 };

/** Overdue temporary addresses first (earliest first), then refusals, missing addresses, internal-only, temporary. */
export function byUrgency(a: EmailReachabilityIssue, b: EmailReachabilityIssue): number {
  const rank = (i: EmailReachabilityIssue) =>
    i.overdue ? 0 : !i.reachability ? 2 : (RANK[i.reachability.status] ?? 5);
  const review = (i: EmailReachabilityIssue) => i.reachability?.temporaryReviewBy?.getTime() ?? 0;
  return rank(a) - rank(b) || review(a) - review(b);
}
