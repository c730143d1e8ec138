import { GraphQLError } from 'graphql';

/**
 * At most `perKey` password hashes in flight per key (a principal, a client address) in this
 * process: the hash thread pool is small and shared, so one caller flooding it would make every
 * sign-in wait. A request over the bound is refused at once (RATE_LIMITED), never queued.
 */
export function hashSlots(perKey: number) {
  const inFlight = new Map<string, number>();
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
      if (keys.some((key) => (inFlight.get(key) ?? 0) >= perKey)) {
        throw new GraphQLError('Too many password checks at once; try again in 1 s.', {
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
        });
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
