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

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
