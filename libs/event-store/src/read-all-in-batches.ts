import type { EventStore, ReadAllOptions } from './event-store.port';
import type { StoredEvent } from './stored-event';
import { turnOfEventLoop } from './turn-of-event-loop';

/**
 * The global log from `after` to its current end, one batch at a time, in commit order. Between
 * two batches the event loop takes a turn, so a rebuild inside a serving process leaves room
 * for its requests and timers.
 */
export async function* readAllInBatches(
  store: EventStore,
  options: Omit<ReadAllOptions, 'after'> & { readonly after?: bigint } = {},
): AsyncGenerator<StoredEvent[]> {
  let after = options.after ?? 0n;
  for (;;) {
    const batch = await store.readAll({ ...options, after });
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1].position;
    await turnOfEventLoop();
  }
}
