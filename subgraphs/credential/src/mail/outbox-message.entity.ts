import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An email to send, written in the same transaction as the change it reports, so that nothing
 * accepted is lost; the dispatcher sends it (retrying while the server is down) and then blanks
 * the body, which may hold a temporary password or a one-time link.
 */
@Entity('outbox')
@Index('IDX_outbox_due', ['sentAt', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'datetime' })
  nextAttemptAt: Date;

  /** A dispatcher that took the message owns it until then (another replica may take it after). */
  @Column({ type: 'datetime', nullable: true })
  claimedUntil: Date | null;

  @Column({ type: 'datetime', nullable: true })
  sentAt: Date | null;

  /** The mail server refused the recipient for good (5xx): never retried. */
  @Column({ type: 'datetime', nullable: true })
  refusedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
