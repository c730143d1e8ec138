/**
 * The sliding-window estimate (the "sliding window counter" of Cloudflare's and nginx's limiters):
 * the previous window's hits count in proportion to how much of it the last `windowSeconds` still
 * cover. A fixed window lets a client spend two budgets across a window's edge; this does not,
 * and it needs two counters per bucket instead of a row per hit.
 */
export interface WindowCounts {
  /** Hits in the current window, this one included. */
  current: number;
  /** Hits in the window just before it (0 when that window had none or is older). */
  previous: number;
  /** Seconds since the current window began: 0 ≤ elapsed < windowSeconds. */
  elapsedSeconds: number;
  windowSeconds: number;
}

export function slidingEstimate({ current, previous, elapsedSeconds, windowSeconds }: WindowCounts): number {
  return previous * (1 - elapsedSeconds / windowSeconds) + current;
}

/**
 * Seconds until one more hit would be allowed again, if no other hit comes meanwhile: when the
 * previous window's weight has faded enough, or (when the current window alone is over) when the
 * current window has become the previous one and faded.
 */
export function secondsUntilAllowed(counts: WindowCounts, limit: number): number {
  const { current, previous, elapsedSeconds, windowSeconds } = counts;
  const room = limit - 1; // the estimate must be at most `limit` with the next hit counted
  let wait: number;
  if (current <= room && previous > 0) {
    wait = windowSeconds * (1 - (room - current) / previous) - elapsedSeconds;
  } else {
    wait = windowSeconds - elapsedSeconds + (current > 0 ? windowSeconds * (1 - room / current) : 0);
  }
  // The tolerance keeps float noise (60 × (1 − 1/3) = 40.000000000000006) from adding a second.
  return Math.max(1, Math.ceil(wait - 1e-9));
}
