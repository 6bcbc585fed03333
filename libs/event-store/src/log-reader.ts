import type { EventStore, Subscription } from './event-store.port';
import type { StoredEvent } from './stored-event';

/** Something that follows the global log: the projections, the workflow reactors. */
export interface LogConsumer {
  /** The last position it has handled, or null when it wants nothing more (stopped, failed). */
  readonly position: bigint | null;
  /**
   * The next events in commit order. A batch may start at or before `position` when consumers
   * resume from different checkpoints: a consumer skips what it already has. Never throws: a
   * consumer records its own failures. A returned promise holds the reader back (backpressure).
   */
  handle(batch: readonly StoredEvent[]): void | Promise<void>;
}

export interface LogReaderOptions {
  /** Most events handed over at once. */
  readonly batchSize?: number;
  /** Told when the store ends the reader's subscription with an error: reading has stopped. */
  readonly onFailure?: (error: unknown) => void;
}

/**
 * One reader of the global log per process, fanning each batch out to every consumer.
 * Before it, each projection and reactor polled the log on its own, and the filtered ones
 * re-scanned from their last match on every poll, so an idle engine's cost grew with the log.
 * Here the log is read once, from the lowest consumer position, and every consumer's
 * position moves to the head read even when no event in the batch was of its types.
 */
export class LogReader {
  private subscription: Subscription | null = null;
  private consumers: readonly LogConsumer[] = [];
  private buffer: StoredEvent[] = [];
  private delivering: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private readPosition = 0n;
  private readonly batchSize: number;
  private readonly onFailure: (error: unknown) => void;

  constructor(
    private readonly store: EventStore,
    options: LogReaderOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.onFailure = options.onFailure ?? (() => undefined);
  }

  /** Starts reading after the lowest position of the consumers; each must have loaded its checkpoint. */
  start(consumers: readonly LogConsumer[]): void {
    if (this.subscription) throw new Error('the log reader is already running');
    this.consumers = consumers;
    const positions = consumers.map((c) => c.position).filter((p): p is bigint => p !== null);
    if (positions.length === 0) return;
    const after = positions.reduce((low, p) => (p < low ? p : low));
    this.readPosition = after;
    this.subscription = this.store.subscribeToAll({ after }, (event) => this.take(event));
    this.subscription.done.catch((error: unknown) => this.onFailure(error));
  }

  /** Position of the last event handed to the consumers. */
  get position(): bigint {
    return this.readPosition;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.delivering;
  }

  /**
   * A subscription hands events over one at a time: collect them and deliver them as one batch
   * once the read loop yields (setImmediate), or at once when the batch is full.
   */
  private take(event: StoredEvent): void | Promise<void> {
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        void this.flush();
      });
    }
  }

  private flush(): Promise<void> {
    this.delivering = this.delivering.then(async () => {
      const batch = this.buffer.splice(0);
      if (batch.length === 0) return;
      for (const consumer of this.consumers) await consumer.handle(batch);
      this.readPosition = batch[batch.length - 1].position;
    });
    return this.delivering;
  }
}
