import type { Sleep } from '../retry-backoff';
import { turnOfEventLoop } from '../turn-of-event-loop';

export interface PendingSleep {
  readonly ms: number;
  wake(): void;
}

/**
 * A Sleep that never wakes by itself: a test sees each wait asked for (its length) and ends
 * it when it chooses, so backoff and wait bounds are tested without a clock.
 */
export function manualSleep() {
  const requested: number[] = [];
  const pending: PendingSleep[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      requested.push(ms);
      pending.push({ ms, wake: resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });

  /** The oldest wait not yet ended (of `ms` if given), once someone asks for one. */
  async function next(ms?: number): Promise<PendingSleep> {
    for (let turn = 0; turn < 1000; turn++) {
      const index = pending.findIndex((p) => ms === undefined || p.ms === ms);
      if (index >= 0) return pending.splice(index, 1)[0];
      await turnOfEventLoop();
    }
    throw new Error(`nobody waited${ms === undefined ? '' : ` ${ms} ms`}`);
  }

  return { sleep, requested, pending, next };
}
