import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One of a login's ten single-use recovery codes, kept as a keyed hash (HMAC-SHA256) only. */
@Entity('recovery_code')
@Index('IDX_recovery_code_login', ['essId'])
export class RecoveryCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  essId: number;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null;
}
