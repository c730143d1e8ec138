import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  BeforeInsert,
  BeforeUpdate,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { ContactStatus, Gender } from './contact-enums';
import { ContactTypeAssignment } from './contact-type-assignment.entity';

const text = (length: number) => ({ type: 'varchar' as const, length, nullable: true });

/** An employer contact: the Contact Details panel. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who acts for an organization (the Contact Details panel).' })
@Entity('contact')
@Index('IDX_contact_org_full_name', ['organizationId', 'fullName'])
@Index('IDX_contact_org_status', ['organizationId', 'status'])
@Index('IDX_contact_org_email', ['organizationId', 'primaryEmail'])
@Index('IDX_contact_org_external_id', ['organizationId', 'externalId'])
export class Contact {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The owning organization (another subgraph's entity; no foreign key across databases). */
  @Column({ type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => String, { nullable: true })
  @Column(text(20))
  namePrefix: string | null;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Field(() => String, { nullable: true })
  @Column(text(100))
  middleName: string | null;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Field(() => String, { nullable: true })
  @Column(text(20))
  nameSuffix: string | null;

  /** First, middle and last name: what the Full Name column shows and sorts by. */
  @Field(() => String, { description: 'First, middle and last name, as the Full Name column shows it.' })
  @Column({ type: 'varchar', length: 310 })
  fullName: string;

  @Field(() => Gender, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  gender: Gender | null;

  @Field(() => String, { nullable: true })
  @Column(text(30))
  primaryPhoneNumber: string | null;

  @Field(() => String, { nullable: true })
  @Column(text(10))
  primaryPhoneExtension: string | null;

  @Field(() => String, { nullable: true })
  @Column(text(30))
  secondaryPhoneNumber: string | null;

  @Field(() => String, { nullable: true })
  @Column(text(30))
  mobilePhoneNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Null when none is on record (ESR\'s "missing email").' })
  @Column(text(254))
  primaryEmail: string | null;

  @Field(() => String, { nullable: true })
  @Column(text(254))
  secondaryEmail: string | null;

  @Field(() => String, { nullable: true })
  @Column(text(100))
  jobTitle: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The primary email is temporary: review it by this date (YYYY-MM-DD). Null: a lasting address.',
  })
  @Column(text(10))
  temporaryEmailReviewBy: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A work phone or email this contact chooses to publish: shown to anyone on Find your administrator while the contact is an active Administrator with a login.',
  })
  @Column(text(100))
  directoryContact: string | null;

  @Field(() => ContactStatus)
  @Column({ type: 'varchar', length: 10 })
  status: ContactStatus;

  /** The provisioning directory's own id of the person (SCIM `externalId`); set by the directory only. */
  @Column(text(255))
  externalId: string | null;

  @OneToMany(() => ContactTypeAssignment, (assignment) => assignment.contact, { cascade: true })
  typeAssignments: Relation<ContactTypeAssignment>[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  @Field(() => Int, { description: 'Changes with every save; send it back as `expectedVersion`.' })
  @VersionColumn()
  version: number;

  @BeforeInsert()
  @BeforeUpdate()
  deriveFullName(): void {
    this.fullName = [this.firstName, this.middleName, this.lastName].filter(Boolean).join(' ');
  }
}
