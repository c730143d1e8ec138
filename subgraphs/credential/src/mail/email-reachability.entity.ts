import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the mail has learnt of one address (normalized like a user name): when the person last
 * used a secret mailed to it, and when the mail server last refused it for good, in its words.
 * An address nobody mailed or used has no row.
 */
@Entity('email_reachability')
export class EmailReachabilityRow {
  @PrimaryColumn({ type: 'varchar', length: 254 })
  address: string;

  @Column({ type: 'datetime', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  undeliverableAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  undeliverableReason: string | null;
}
