import { jitteredBackoff, withRetries } from './retry-backoff';

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

describe('withRetries', () => {
  const pauses: number[] = [];
  const options = { backoff: { delayMs: (n: number) => n * 100 }, sleep: async (ms: number) => void pauses.push(ms) };
  beforeEach(() => (pauses.length = 0));

  it('tries again after each pause until the attempt succeeds, telling each failure it retries', async () => {
    const told: number[] = [];
    const result = await withRetries(async (n) => (n < 3 ? Promise.reject(new Error(`no ${n}`)) : `yes ${n}`), {
      ...options,
      onRetry: (_error, n) => told.push(n),
    });
    expect(result).toBe('yes 3');
    expect(told).toEqual([1, 2]);
    expect(pauses).toEqual([100, 200]);
  });

  it('throws at once what it may not retry, and the last failure after maxAttempts', async () => {
    await expect(
      withRetries(() => Promise.reject(new TypeError('bug')), {
        ...options,
        retryOn: (e) => !(e instanceof TypeError),
      }),
    ).rejects.toThrow('bug');
    expect(pauses).toEqual([]);
    await expect(
      withRetries((n) => Promise.reject(new Error(`no ${n}`)), { ...options, maxAttempts: 3 }),
    ).rejects.toThrow('no 3');
    expect(pauses).toEqual([100, 200]);
  });

  it('stops waiting when its signal aborts, throwing the failure in hand', async () => {
    const stop = new AbortController();
    const attempt = () => Promise.reject(new Error('down'));
    await expect(
      withRetries(attempt, { ...options, signal: stop.signal, sleep: async () => stop.abort() }),
    ).rejects.toThrow('down');
  });
});
