import { setTimeout as delay } from 'node:timers/promises';

/** How long to wait before the nth retry (1 for the first) of something the store refused. */
export interface RetryBackoff {
  delayMs(attempt: number): number;
}

export interface JitteredBackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  /** In [0, 1); injected by tests so the jitter is known. */
  readonly random?: () => number;
}

/**
 * Doubling delays, capped, each with its upper half random ("equal jitter"): after a server
 * restart, every engine and every reader in them retries at a different moment instead of all
 * at once, and none retries sooner than half the nominal delay.
 */
export function jitteredBackoff(options: JitteredBackoffOptions = {}): RetryBackoff {
  const initialMs = options.initialMs ?? 250;
  const maxMs = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  return {
    delayMs(attempt: number): number {
      const nominal = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
      return Math.round(nominal / 2 + (random() * nominal) / 2);
    },
  };
}

/** Waits `ms`, or less when `signal` aborts (a stop); never rejects. Injected by tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Unref'd: a pending retry or wait bound never keeps a stopping process alive. */
export const timerSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal, ref: false }).catch(() => undefined);

export interface RetryOptions {
  /** Which failures are worth another attempt; the rest are thrown at once. Default: every one. */
  readonly retryOn?: (error: unknown) => boolean;
  readonly backoff?: RetryBackoff;
  readonly sleep?: Sleep;
  /** Attempts in all before the last failure is thrown. Default: no limit. */
  readonly maxAttempts?: number;
  /** Aborting it (a stop) ends the waiting: the failure in hand is thrown. */
  readonly signal?: AbortSignal;
  /** Told each failure that will be tried again, with the number of the attempt that failed. */
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

/** Runs `attempt` (given its number, from 1) until it succeeds, pausing by the backoff between failures. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const backoff = options.backoff ?? jitteredBackoff();
  const sleep = options.sleep ?? timerSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const retryable = options.retryOn?.(error) ?? true;
      if (!retryable || options.signal?.aborted || n >= (options.maxAttempts ?? Infinity)) throw error;
      options.onRetry?.(error, n);
      await sleep(backoff.delayMs(n), options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}
