import { jitteredBackoff } from './retry-backoff';

describe('jittered backoff', () => {
  it('doubles from the initial delay up to the cap, never below half of it', () => {
    const lowest = jitteredBackoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    expect([1, 2, 3, 4, 5, 6].map((n) => lowest.delayMs(n))).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('spreads the upper half at random, so engines retrying after one restart do not retry together', () => {
    const highest = jitteredBackoff({ initialMs: 100, maxMs: 1000, random: () => 0.999 });
    expect([1, 2, 5].map((n) => highest.delayMs(n))).toEqual([100, 200, 1000]);
    const draws = [0.1, 0.7];
    const spread = jitteredBackoff({ initialMs: 100, random: () => draws.shift() ?? 0 });
    expect(spread.delayMs(3)).not.toBe(spread.delayMs(3));
  });
});
