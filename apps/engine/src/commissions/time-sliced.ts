import type { Pacing } from '@leadledger/commissions';
import { turnOfEventLoop } from '@leadledger/event-store';
import { performance } from 'node:perf_hooks';

/** Slices of at most about `ms` milliseconds, each followed by a turn of the event loop. */
export function timeSliced(ms: number): Pacing {
  let sliceStart = performance.now();
  return {
    sliceOver: () => performance.now() - sliceStart >= ms,
    pause: async () => {
      await turnOfEventLoop();
      sliceStart = performance.now();
    },
  };
}
