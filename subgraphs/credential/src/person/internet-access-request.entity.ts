import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum InternetAccessRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  LAPSED = 'LAPSED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(InternetAccessRequestStatus, {
  name: 'InternetAccessRequestStatus',
  description:
    'PENDING until an administrator decides; APPROVED is the grant the session gate honours; DENIED keeps the refusal; ' +
    'LAPSED: undecided for 14 days; WITHDRAWN: an approval an administrator took back.',
});

/**
 * A person's request to sign in from the internet for an organization whose Automatic Internet
 * Access is off. An APPROVED row is the per-membership grant: it stays until it is withdrawn.
 */
@ObjectType({ description: 'A request for internet access, and once approved the grant itself.' })
@Entity('internet_access_request')
@Index('IDX_internet_access_request_contact', ['contactId', 'status'])
@Index('IDX_internet_access_request_organization', ['organizationId', 'status'])
export class InternetAccessRequest {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => ID, { description: 'The contact (membership) that asks.' })
  @Column({ type: 'varchar', length: 36 })
  contactId: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId: string;

  @Column({ type: 'int' })
  loginEssId: number;

  @Field(() => String, { description: 'Who asks: the user name (email) of the login.' })
  @Column({ type: 'varchar', length: 254 })
  userName: string;

  @Field(() => String, { description: "Who asks: the contact's full name when the request was filed." })
  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Field(() => InternetAccessRequestStatus)
  @Column({ type: 'varchar', length: 10 })
  status: InternetAccessRequestStatus;

  @Field(() => String, { nullable: true, description: 'Why, in the words of the person asking.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The address the refused sign-in came from.' })
  @Column({ type: 'varchar', length: 45, nullable: true })
  clientAddress: string | null;

  @Field(() => Date)
  @Column({ type: 'datetime' })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was approved, denied, lapsed or withdrawn.' })
  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  decidedByKind: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  @Field(() => String, { nullable: true, description: 'Who approved or denied it (or withdrew the approval).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  decidedByName: string | null;

  @Field(() => String, { nullable: true, description: "The administrator's note with the decision." })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
