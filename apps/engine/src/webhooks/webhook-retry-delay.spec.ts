import { jitteredBackoff } from '@leadledger/event-store';

/** The webhook worker's pause after its n-th failed delivery, with the settings' base and cap. */
const retryDelayMs = (failedAttempts: number, baseMs: number, maxMs: number, random: () => number) =>
  jitteredBackoff({ initialMs: baseMs, maxMs, random }).delayMs(failedAttempts);

describe('webhook retry delay', () => {
  it('doubles with each failed attempt, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(retryDelayMs(50, 1000, 900_000, () => 1)).toBe(900_000);
    expect(retryDelayMs(5000, 1000, 900_000, () => 0)).toBe(450_000);
  });
});
