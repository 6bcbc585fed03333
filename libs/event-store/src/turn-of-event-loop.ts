import { setImmediate as afterPendingIo } from 'node:timers/promises';

/**
 * Waits until the event loop has polled for I/O and run its due timers once: the pause of every
 * long loop over the log or a stream. SQLite answers reads at once, so a chain of them never
 * leaves the microtask queue: without this, a process catching up on a long log could not bind
 * its port, answer /health or fire a timer until the catch-up had ended.
 */
export function turnOfEventLoop(): Promise<void> {
  return afterPendingIo();
}
