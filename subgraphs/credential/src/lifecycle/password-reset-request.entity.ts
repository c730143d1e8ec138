import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A password-reset request, queued for every user name alike: whether the name exists is decided
 * in the background (lifecycle/password-reset-queue.ts), so the answer's timing tells nothing.
 */
@Entity('password_reset_request')
@Index('IDX_password_reset_request_created', ['createdAt'])
export class PasswordResetRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  userName: string;

  @Column({ type: 'varchar', length: 45, nullable: true })
  clientAddress: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
