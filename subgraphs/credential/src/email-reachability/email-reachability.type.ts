import type { EmailReachabilityRow } from '../mail/email-reachability.entity';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum EmailReachabilityStatus {
  UNVERIFIED = 'UNVERIFIED',
  VERIFIED = 'VERIFIED',
  UNDELIVERABLE = 'UNDELIVERABLE',
  INTERNAL_ONLY = 'INTERNAL_ONLY',
  TEMPORARY = 'TEMPORARY',
}
registerEnumType(EmailReachabilityStatus, {
  name: 'EmailReachabilityStatus',
  description: 'Whether the self-service mail (temporary passwords, reset and unlock links) reaches the person.',
  valuesConfig: {
    UNVERIFIED: { description: 'Nobody has used a secret mailed to it yet.' },
    VERIFIED: { description: 'The person used a secret mailed to it (`verifiedAt`).' },
    UNDELIVERABLE: { description: 'The mail server refused it for good (`undeliverableAt`, `serverResponse`).' },
    INTERNAL_ONLY: { description: "Its domain is one of the organization's internal-only email domains." },
    TEMPORARY: { description: 'Recorded as a temporary address, to review by `temporaryReviewBy`.' },
  },
});

@ObjectType({ description: "What the product knows of whether a contact's primary email reaches them." })
export class EmailReachability {
  @Field(() => EmailReachabilityStatus)
  status: EmailReachabilityStatus;

  @Field(() => Date, { nullable: true, description: 'When the person last used a secret mailed to the address.' })
  verifiedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mail server last refused the address for good.' })
  undeliverableAt: Date | null;

  @Field(() => String, { nullable: true, description: "The mail server's words when it refused the address." })
  serverResponse: string | null;

  @Field(() => Date, { nullable: true, description: 'A temporary address: when to review it.' })
  temporaryReviewBy: Date | null;

  constructor(values: EmailReachability) {
    Object.assign(this, values);
  }
}

export interface AddressFacts {
  row: EmailReachabilityRow | undefined;
  internalOnly: boolean;
  temporaryReviewBy: Date | null;
}

/**
 * The one status an administrator needs to act on, most urgent first: a refusal newer than the
 * last use, then a temporary address, then one that works only inside, then what was seen used.
 */
export function reachabilityOf({ row, internalOnly, temporaryReviewBy }: AddressFacts): EmailReachability {
  const verifiedAt = row?.verifiedAt ?? null;
  const undeliverableAt = row?.undeliverableAt ?? null;
  const refused = undeliverableAt && (!verifiedAt || undeliverableAt.getTime() >= verifiedAt.getTime());
  const status = refused
    ? EmailReachabilityStatus.UNDELIVERABLE
    : temporaryReviewBy
      ? EmailReachabilityStatus.TEMPORARY
      : internalOnly
        ? EmailReachabilityStatus.INTERNAL_ONLY
        : verifiedAt
          ? EmailReachabilityStatus.VERIFIED
          : EmailReachabilityStatus.UNVERIFIED;
  return new EmailReachability({
    status,
    verifiedAt,
    undeliverableAt,
    serverResponse: refused ? (row?.undeliverableReason ?? null) : null,
    temporaryReviewBy,
  });
}
