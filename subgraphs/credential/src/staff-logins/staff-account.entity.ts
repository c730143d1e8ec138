import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A pension-system staff login: acts on every organization, sees internal messages. */
/**
 * Stored instead of a hash: matches no password, and the session gate refuses the login on every
 * path (a passkey registered while the demonstration password was public included).
 */
export const DISABLED_PASSWORD_HASH = '!disabled: the demonstration password is public';

@Entity('staff_account')
export class StaffAccount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('UQ_staff_account_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  /** scrypt hash; no GraphQL type maps this column. */
  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  /** Failed password checks in a row; the one that reaches STAFF_LOCKOUT_ATTEMPTS locks and restarts it. */
  @Column({ type: 'int', default: 0 })
  failedAttempts: number;

  /** Soft lockout: until then even the right password is refused (see staff/staff-lockout.ts). */
  @Column({ type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  /**
   * Where this login's second factors are kept: a negative number in the second-factor tables' login
   * column (ESS IDs are positive), given at the first enrolment (staff/staff-second-factor.ts).
   */
  @Index('UQ_staff_account_second_factor', { unique: true })
  @Column({ type: 'int', nullable: true })
  secondFactorHolder: number | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
