import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A pension-system staff login: acts on every organization, sees internal messages. */
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

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
