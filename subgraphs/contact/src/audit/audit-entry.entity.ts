import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'One changed field: its value before and after.' })
export class FieldChange {
  @Field(() => String) field: string;
  @Field(() => String, { nullable: true }) oldValue: string | null;
  @Field(() => String, { nullable: true }) newValue: string | null;
}

/** Who changed which contact, when, and how: every create, update and email import. */
@ObjectType({ description: 'An entry of the audit trail of contact maintenance.' })
@Entity('contact_audit')
@Index('IDX_contact_audit_org_at', ['organizationId', 'at'])
@Index('IDX_contact_audit_contact_at', ['contactId', 'at'])
export class AuditEntry {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'varchar', length: 36 })
  contactId: string;

  @Field(() => String, { description: 'CREATE, UPDATE or IMPORT_EMAIL.' })
  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Field(() => String, { description: 'CONTACT, STAFF or SCIM (a provisioning token: see actorLabel).' })
  @Column({ type: 'varchar', length: 10 })
  actorKind: string;

  @Field(() => ID, { description: 'The contact, staff member or provisioning token that made the change.' })
  @Column({ type: 'varchar', length: 36 })
  actorId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Who made the change when no person did: "provisioning token <label>".',
  })
  @Column({ type: 'varchar', length: 150, nullable: true })
  actorLabel: string | null;

  /** JSON list of FieldChange; never holds a secret (contacts have none). */
  @Column({ type: 'text' })
  changesJson: string;

  @Field(() => [FieldChange])
  get changes(): FieldChange[] {
    return JSON.parse(this.changesJson) as FieldChange[];
  }

  @Field(() => Date)
  @CreateDateColumn()
  at: Date;
}
