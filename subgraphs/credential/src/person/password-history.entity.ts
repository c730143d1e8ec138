import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Hashes of a login's previous passwords: a new one may not repeat the last five. */
@Entity('password_history')
@Index('IDX_password_history_account', ['essId', 'createdAt'])
export class PasswordHistory {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  essId: number;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @CreateDateColumn()
  createdAt: Date;
}
