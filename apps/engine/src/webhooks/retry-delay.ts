/**
 * Exponential backoff with jitter: after the n-th failed attempt, between half and all of
 * base·2^(n−1), capped at max, so many subscriptions failing at once do not retry in step.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failedAttempts - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
