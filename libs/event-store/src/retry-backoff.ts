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
