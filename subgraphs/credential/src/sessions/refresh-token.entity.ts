import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A refresh token, stored as its SHA-256 only; rotated on every use, revocable by family. */
@Entity('refresh_token')
@Index('IDX_refresh_token_principal', ['principalId'])
@Index('IDX_refresh_token_family', ['familyId'])
export class RefreshToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('UQ_refresh_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 10 })
  principalKind: 'contact' | 'staff';

  @Column({ type: 'varchar', length: 36 })
  principalId: string;

  /** Every token rotated from one sign-in shares a family: reuse of a spent one revokes them all. */
  @Column({ type: 'varchar', length: 36 })
  familyId: string;

  /** When the family's password step happened (null: a row from before, counted from `createdAt`). */
  @Column({ type: 'datetime', nullable: true })
  familyStartedAt: Date | null;

  @Index('IDX_refresh_token_expires')
  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
