import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A passkey (WebAuthn credential) of a login: its public key only; the private key never leaves the person's device. */
@ObjectType({ description: 'A passkey of yours: its name and dates; nothing secret.' })
@Entity('passkey')
@Index('IDX_passkey_login', ['essId'])
export class Passkey {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  essId: number;

  /** The authenticator's credential id (base64url), what an assertion names. */
  @Index('UQ_passkey_credential', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  credentialId: string;

  /** COSE public key, base64url: public, checked against each assertion. */
  @Column({ type: 'varchar', length: 1000 })
  publicKey: string;

  @Column({ type: 'int', default: 0 })
  signCount: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  transports: string | null;

  @Field(() => String, { description: 'The name the person gave it ("work laptop").' })
  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Field(() => Boolean, { description: 'It signs in on its own, without the password (the person chose so).' })
  @Column({ type: 'boolean', default: false })
  passwordless: boolean;

  @Field(() => Date)
  @CreateDateColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null;
}
