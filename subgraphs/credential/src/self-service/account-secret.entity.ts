import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A self-service login's secrets, kept apart from the panel so no GraphQL type can reach them. */
@Entity('account_secret')
export class AccountSecret {
  @PrimaryColumn({ type: 'int' })
  essId: number;

  /** scrypt hash of the password the contact chose; null until enrollment is completed. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  /** scrypt hash of the one-time temporary password sent at register / re-enroll. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  temporaryPasswordHash: string | null;
}
