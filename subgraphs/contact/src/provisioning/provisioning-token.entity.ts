import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A bearer token an organization's HR or directory system provisions its contacts with (SCIM). */
@ObjectType({ description: 'A provisioning token of an organization (SCIM 2.0): never the token itself.' })
@Entity('provisioning_token')
@Index('IDX_provisioning_token_org', ['organizationId', 'createdAt'])
export class ProvisioningToken {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => String, { description: 'What the administrator named it ("Entra ID production").' })
  @Column({ type: 'varchar', length: 100 })
  label: string;

  /** SHA-256 of the token, hex: the token has 256 random bits, so a fast hash suffices. */
  @Index('UQ_provisioning_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Field(() => String, { description: 'Who created it: the contact\'s full name, or "staff".' })
  @Column({ type: 'varchar', length: 310 })
  createdBy: string;

  @Field(() => Date)
  @CreateDateColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'The last SCIM request made with it.' })
  @Column({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set when it was revoked: it is refused from then on.' })
  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;
}
