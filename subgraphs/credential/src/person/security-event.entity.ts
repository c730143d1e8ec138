import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The audit trail of self-service logins: sign-ins, locks, unlocks, registrations, resets. */
@ObjectType({ description: 'A security event of a self-service login.' })
@Entity('security_event')
@Index('IDX_security_event_contact', ['contactId', 'at'])
export class SecurityEvent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  contactId: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => String, {
    description:
      'LOGIN_SUCCEEDED, LOGIN_FAILED, LOCKED, UNLOCK_REQUESTED, UNLOCKED, REGISTERED, RE_ENROLLED, PASSWORD_CHANGED, PASSWORD_RESET_REQUESTED, PASSWORD_RESET, ' +
      'INTERNET_ACCESS_REQUESTED, INTERNET_ACCESS_APPROVED, INTERNET_ACCESS_DENIED, INTERNET_ACCESS_WITHDRAWN, INTERNET_ACCESS_LAPSED, ' +
      'ASSISTED_RESET_STARTED, ASSISTED_RESET (among others).',
  })
  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Field(() => String, {
    description: "CONTACT, STAFF, SELF (the login's owner, signed in or not) or SYSTEM (nobody: a time ran out).",
  })
  @Column({ type: 'varchar', length: 10 })
  actorKind: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 45, nullable: true })
  clientAddress: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the actor recorded with the event: for an assisted reset, the identity facts they checked.',
  })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  details: string | null;

  @Field(() => Date)
  @CreateDateColumn()
  at: Date;
}
