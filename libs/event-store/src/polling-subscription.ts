import type { EventHandler, ReadAllOptions, SubscribeOptions, Subscription } from './event-store.port';
import { START_OF_LOG, type StoredEvent } from './stored-event';

export interface PollingSource {
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** Resolves when new events may be there: at once on a local append, else after a poll interval. */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

/**
 * Catch-up then live over any store that can read the global log by position. The
 * position only moves forward after the handler returns, so a resumed subscription
 * (after: last handled position) neither skips nor repeats an event.
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeOptions & { batchSize?: number },
  handler: EventHandler,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const abort = new AbortController();
  let after = options.after ?? START_OF_LOG;
  let subscribed = false;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
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
      if (batch.length < batchSize && !abort.signal.aborted) await source.waitForAppend(abort.signal);
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
