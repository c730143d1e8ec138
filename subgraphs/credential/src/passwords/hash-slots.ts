import { appError } from '@ecg/policy';

/**
 * At most a few password hashes in flight per key in this process: the hash thread pool is small
 * and shared, so one caller flooding it would make every sign-in wait. A request over the bound is
 * refused at once (RATE_LIMITED), never queued.
 *
 * A key is `<kind>:<value>` (`principal:…`, `address:…`), and each kind has its own bound: a
 * person needs one check at a time (`perKey`), but one client address is often a whole network
 * (an NHS trust's or a county office's egress), whose people change their passwords at the same
 * moment after a registration round; giving an address the bound of one person refused all but
 * one of them. An address gets a share of its own (`perKind.address`), large enough for a
 * network of people doing one thing each and still a fraction of what a flood would take.
 */
export function hashSlots(perKey: number, perKind: Record<string, number> = {}) {
  const inFlight = new Map<string, number>();
  const limitOf = (key: string) => perKind[key.slice(0, key.indexOf(':'))] ?? perKey;
  const release = (keys: string[]) => {
    for (const key of keys) {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left);
      else inFlight.delete(key);
    }
  };
  return {
    /** Run `work` holding one slot of every key, or refuse with RATE_LIMITED when any is full. */
    async run<T>(keys: string[], work: () => Promise<T>): Promise<T> {
      if (keys.some((key) => (inFlight.get(key) ?? 0) >= limitOf(key))) {
        throw appError('RATE_LIMITED', 'Too many password checks at once; try again in 1 s.', { retryAfterSeconds: 1 });
      }
      for (const key of keys) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      try {
        return await work();
      } finally {
        release(keys);
      }
    },
  };
}

export type HashSlots = ReturnType<typeof hashSlots>;
