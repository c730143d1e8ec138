import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sliding-window counter (`sliding-window.ts`), shared by every replica because it lives in the database. */
@Entity('rate_limit')
export class RateLimitWindow {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  bucket: string;

  /** Start of the current window, in seconds since the epoch. */
  @Column({ type: 'bigint' })
  windowStart: string;

  @Column({ type: 'int' })
  hits: number;

  /** Hits in the window before `windowStart` (0 when that window had none). */
  @Column({ type: 'int', default: 0 })
  previousHits: number;
}
