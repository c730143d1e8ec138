import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A login's authenticator (TOTP), one per login (the person's, whatever organization it acts for).
 * Kept apart from the panel so no GraphQL type can reach the secrets; both secrets are AES-256-GCM
 * ciphertexts (`secret-box.ts`), never the base32 secret itself.
 */
@Entity('second_factor')
export class SecondFactor {
  @PrimaryColumn({ type: 'int' })
  essId: number;

  /** The confirmed authenticator's secret, encrypted; null when none is set. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  totpSecret: string | null;

  @Column({ type: 'datetime', nullable: true })
  totpConfirmedAt: Date | null;

  /** The last time step a code was accepted for: a code of that step or an earlier one is refused (no replay). */
  @Column({ type: 'int', nullable: true })
  totpLastStep: number | null;

  /** An enrolment started and not yet confirmed by a first code, encrypted. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  pendingTotpSecret: string | null;

  @Column({ type: 'datetime', nullable: true })
  pendingStartedAt: Date | null;
}
