import type { LogConsumer } from './log-reader';
import type { StoredEvent } from './stored-event';

export type LiveListener = (events: readonly StoredEvent[]) => void;

/**
 * The log as it grows, for any number of listeners (SSE clients, webhook deliveries), from the
 * process's one LogReader: nobody polls the store for new events on their own. Its position is
 * null, so it never decides where the reader starts nor holds it back; it passes on each event
 * once, in commit order, the first time a batch brings it.
 */
export class LiveFanOut implements LogConsumer {
  private newest = 0n;
  private readonly listeners = new Set<LiveListener>();

  readonly position = null;

  /** The newest position passed on so far (0 before the first batch). */
  get lastPosition(): bigint {
    return this.newest;
  }

  handle(batch: readonly StoredEvent[]): void {
    const fresh = batch.filter((event) => event.position > this.newest);
    if (fresh.length === 0) return;
    this.newest = fresh[fresh.length - 1].position;
    for (const listener of this.listeners) listener(fresh);
  }

  /** Calls `listener` with each batch of new events from now on; returns the way to stop. */
  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
