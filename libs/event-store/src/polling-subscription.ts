import { performance } from 'node:perf_hooks';
import type { EventHandler, ReadAllOptions, SubscribeOptions, Subscription } from './event-store.port';
import { type Sleep, timerSleep } from './retry-backoff';
import { START_OF_LOG, type StoredEvent } from './stored-event';
import { turnOfEventLoop } from './turn-of-event-loop';

export interface PollingSource {
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * Resolves when new events may be there: at once on a local append, else after a poll interval,
   * which may grow with `emptyReads` (how many reads in a row found nothing); at once when `signal`
   * aborts (the subscription stops, or someone hurries it).
   */
  waitForAppend(signal: AbortSignal, emptyReads: number): Promise<void>;
}

export interface PollingOptions extends SubscribeOptions {
  readonly batchSize?: number;
  /**
   * Once live, the least time between the starts of two reads: the appends made in between are
   * read as one batch. Under load every append woke a read, and every consumer then paid its
   * per-batch cost (a read-model transaction, a checkpoint) for a handful of events, in the
   * same turns of the event loop as the commands waiting for their commits. 0: read at once.
   */
  readonly minReadGapMs?: number;
  /** Registers a call that ends the current wait (someone waits for the head); returns its removal. */
  readonly onHurry?: (hurry: () => void) => () => void;
  readonly sleep?: Sleep;
}

/**
 * Catch-up then live over any store that can read the global log by position. The
 * position only moves forward after the handler returns, so a resumed subscription
 * (after: last handled position) neither skips nor repeats an event.
 */
export function pollingSubscription(
  source: PollingSource,
  options: PollingOptions,
  handler: EventHandler,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const minReadGapMs = options.minReadGapMs ?? 0;
  const sleep = options.sleep ?? timerSleep;
  const abort = new AbortController();
  let after = options.after ?? START_OF_LOG;
  let subscribed = false;

  /** Runs a wait that ends early when the subscription stops or someone hurries it. */
  const hurriable = async (wait: (signal: AbortSignal) => Promise<void>): Promise<void> => {
    const cut = new AbortController();
    const end = () => cut.abort();
    abort.signal.addEventListener('abort', end, { once: true });
    const stopListening = options.onHurry?.(end);
    try {
      await wait(cut.signal);
    } finally {
      stopListening?.();
      abort.signal.removeEventListener('abort', end);
    }
  };

  const run = async (): Promise<void> => {
    let readStartedAt = Number.NEGATIVE_INFINITY;
    let emptyReads = 0;
    while (!abort.signal.aborted) {
      readStartedAt = performance.now();
      const batch = await source.readAll({ after, maxCount: batchSize, filter: options.filter });
      if (!subscribed) {
        subscribed = true;
        options.onSubscribed?.();
      }
      for (const event of batch) {
        if (abort.signal.aborted) return;
        await handler(event);
        after = event.position;
      }
      emptyReads = batch.length === 0 ? emptyReads + 1 : 0;
      // A full batch: more is waiting. Catching up, let requests and timers in between batches.
      if (batch.length === batchSize) await turnOfEventLoop();
      else if (!abort.signal.aborted) {
        await hurriable((signal) => source.waitForAppend(signal, emptyReads));
        const wait = readStartedAt + minReadGapMs - performance.now();
        if (wait > 0 && !abort.signal.aborted) await hurriable((signal) => sleep(wait, signal));
      }
    }
  };

  const done = run();
  // Callers that only await stop() must not see an unhandled rejection.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
