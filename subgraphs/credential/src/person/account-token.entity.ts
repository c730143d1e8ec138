import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

// CHOOSE: the organization chooser after a sign-in with several memberships (5 minutes).
// SECOND: the second step of a sign-in with a second factor (5 minutes). ENROL: setting one up
// right after the password, when an organization requires one (15 minutes).
// PASSKEY: a passkey registration; PASSKEYIN: a sign-in with a passkey alone (5 minutes each).
// STEPUP: a passkey's proof before a change of factors (5 minutes). INTERNET: filing a request for
// internet access after a sign-in its zone refused (15 minutes). ASSISTED: the code an administrator
// reads to a person whose identity they checked (15 minutes by default).
export type AccountTokenPurpose =
  'UNLOCK' | 'RESET' | 'CHOOSE' | 'SECOND' | 'ENROL' | 'PASSKEY' | 'PASSKEYIN' | 'STEPUP' | 'INTERNET' | 'ASSISTED';

/** A one-time link's token (unlock: 24 hours, password reset: 1 hour), stored as its SHA-256 only. */
@Entity('account_token')
@Index('IDX_account_token_account', ['essId'])
export class AccountToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('UQ_account_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'int' })
  essId: number;

  @Column({ type: 'varchar', length: 10 })
  purpose: AccountTokenPurpose;

  @Index('IDX_account_token_expires')
  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
