import { secondsUntilAllowed, slidingEstimate } from './sliding-window';

const W = 60;

describe('slidingEstimate', () => {
  it('weighs the previous window by the part of it the last minute still covers', () => {
    expect(slidingEstimate({ current: 2, previous: 6, elapsedSeconds: 0, windowSeconds: W })).toBe(8);
    expect(slidingEstimate({ current: 2, previous: 6, elapsedSeconds: 30, windowSeconds: W })).toBe(5);
    expect(slidingEstimate({ current: 2, previous: 6, elapsedSeconds: 59, windowSeconds: W })).toBeCloseTo(2.1);
  });

  it('gives no second budget across a window edge: 8 hits just before it and 1 just after are over a limit of 8', () => {
    expect(slidingEstimate({ current: 1, previous: 8, elapsedSeconds: 1, windowSeconds: W })).toBeGreaterThan(8);
  });
});

describe('secondsUntilAllowed', () => {
  it('waits for the previous window to fade when it is what keeps the estimate over', () => {
    // 10 before, 3 now at 10 s, limit 8: needs 10 * (1 - e/60) + 3 + 1 <= 8, so e >= 36.
    const counts = { current: 3, previous: 10, elapsedSeconds: 10, windowSeconds: W };
    const wait = secondsUntilAllowed(counts, 8);
    expect(wait).toBe(26);
    expect(slidingEstimate({ ...counts, current: 4, elapsedSeconds: 10 + wait })).toBeLessThanOrEqual(8);
  });

  it('waits past the window end when the current window alone is over the limit', () => {
    // 12 now at 20 s, limit 8: next window, 12 * (1 - e/60) + 1 <= 8 -> e >= 25, so 40 + 25.
    expect(secondsUntilAllowed({ current: 12, previous: 0, elapsedSeconds: 20, windowSeconds: W }, 8)).toBe(65);
  });

  it('is at least one second', () => {
    expect(secondsUntilAllowed({ current: 9, previous: 0, elapsedSeconds: 59.9, windowSeconds: W }, 100)).toBe(1);
  });
});
