import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Address } from './address';
import { OrganizationType } from './organization-type';

/** A list of domains in one column: comma-separated, none stored as null. */
const domainList = {
  to: (domains: string[] | undefined) => (domains?.length ? domains.join(',') : null),
  from: (stored: string | null) => (stored ? stored.split(',') : []),
};

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An employer: a county office of education, a school district, an NHS trust.' })
@Entity('organization')
export class Organization {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => String, { description: 'The organization code, e.g. "42061".' })
  @Index('UQ_organization_code', { unique: true })
  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Field(() => String)
  @Index('IDX_organization_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { description: 'Code and name as the screens show them: "42061-COUNTY OFFICE OF EDUCATION".' })
  get displayName(): string {
    return `${this.code}-${this.name}`;
  }

  @Field(() => OrganizationType)
  @Column({ type: 'varchar', length: 40 })
  organizationType: OrganizationType;

  @Field(() => Address)
  @Column(() => Address, { prefix: false })
  address: Address;

  @Field(() => Boolean, {
    description: 'ESR\'s "Automatic Internet Access": when off, contacts may sign in from the internal network only.',
  })
  @Column({ type: 'boolean', default: true })
  automaticInternetAccess: boolean;

  @Field(() => Boolean, {
    description:
      'Its contacts sign in with a second factor (authenticator app): whoever has none sets one up right after the password, before anything else.',
  })
  @Column({ type: 'boolean', default: false })
  secondFactorRequired: boolean;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'The organization\'s own short help message for people who cannot sign in (ESR: "contact HR/IT on ..."); the public administrator lookup shows it.',
  })
  @Column({ type: 'varchar', length: 300, nullable: true })
  helpMessage: string | null;

  @Field(() => [String], {
    description:
      "Email domains that work only inside the organization's network: mail to them does not reach people at home, so their addresses are reported as INTERNAL_ONLY.",
  })
  @Column({ type: 'text', nullable: true, transformer: domainList })
  internalOnlyEmailDomains: string[];

  @Field(() => [String], {
    description:
      'The email domains the organization expects its contacts to use ("ideally, but not exclusively"): an address outside them is saved with a warning. Empty: any.',
  })
  @Column({ type: 'text', nullable: true, transformer: domainList })
  approvedEmailDomains: string[];

  @Field(() => Int, { description: 'Changes with every save; send it back as `expectedVersion`.' })
  @VersionColumn()
  version: number;
}
