import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A session (refresh-token family) that has ended: signed out, its password changed, re-enrolled,
 * reset, or its contact deactivated or demoted. Only the hash of the session id is kept, which is
 * also what the revocation list publishes. Kept until every access token of it has expired.
 */
@Entity('session_revocation')
@Index('IDX_session_revocation_expires', ['expiresAt'])
export class SessionRevocation {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sessionHash: string;

  @Column({ type: 'datetime' })
  revokedAt: Date;

  /** When the last access token of the session expires: the row is published until then. */
  @Column({ type: 'datetime' })
  expiresAt: Date;
}
