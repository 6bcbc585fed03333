import { EventStoreUnavailableError } from './event-store.errors';
import type { EventStore, Subscription } from './event-store.port';
import type { LogInterruption } from './reader-outage';
import { type RetryBackoff, type Sleep, jitteredBackoff, timerSleep } from './retry-backoff';
import type { StoredEvent } from './stored-event';

/** Something that follows the global log: the projections, the workflow reactors. */
export interface LogConsumer {
  /** The last position it has handled, or null when it wants nothing more (stopped, failed). */
  readonly position: bigint | null;
  /**
   * The next events in commit order. A batch may start at or before `position` when consumers
   * resume from different checkpoints: a consumer skips what it already has. Should not throw: a
   * consumer records its own failures; one that throws stops the reader for good. A returned
   * promise holds the reader back (backpressure).
   */
  handle(batch: readonly StoredEvent[]): void | Promise<void>;
  /** Told when reading stops (why) and when it resumes (null), to bound the waits on it. */
  readerInterrupted?(interruption: LogInterruption | null): void;
}

/** reading: subscribed (or subscribing); retrying: the store failed, waiting to subscribe again. */
export type LogReaderState = 'idle' | 'reading' | 'retrying' | 'failed' | 'stopped';

export interface LogReaderStatus {
  readonly state: LogReaderState;
  /** Why it is not reading (retrying, failed); null otherwise. */
  readonly error: string | null;
  /** Failed subscriptions in a row. */
  readonly attempts: number;
  /** Position of the last event handed to the consumers. */
  readonly position: bigint;
}

export interface LogReaderOptions {
  /** Most events handed over at once. */
  readonly batchSize?: number;
  /**
   * Told when the store ends the reader's subscription (`retryInMs`: it subscribes again after
   * that long) or a consumer failed (`retryInMs` null: reading has stopped for good).
   */
  readonly onFailure?: (error: unknown, retryInMs: number | null) => void;
  readonly backoff?: RetryBackoff;
  readonly sleep?: Sleep;
}

/**
 * One reader of the global log per process, fanning each batch out to every consumer.
 * Before it, each projection and reactor polled the log on its own, and the filtered ones
 * re-scanned from their last match on every poll, so an idle engine's cost grew with the log.
 * Here the log is read once, from the lowest consumer position, and every consumer's
 * position moves to the head read even when no event in the batch was of its types.
 *
 * When the store ends the subscription (a restart, a leader election, a dropped connection),
 * the reader delivers what it had taken and subscribes again after the last event it took, with
 * jittered backoff, until it is stopped: each event reaches the consumers once.
 */
export class LogReader {
  private subscription: Subscription | null = null;
  private consumers: readonly LogConsumer[] = [];
  private buffer: StoredEvent[] = [];
  private delivering: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private readPosition = 0n;
  /** The last event taken from the store (delivered or buffered): a new subscription starts after it. */
  private taken = 0n;
  private state: LogReaderState = 'idle';
  private lastError: unknown = null;
  private attempts = 0;
  private stopping = new AbortController();
  private following: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly onFailure: (error: unknown, retryInMs: number | null) => void;
  private readonly backoff: RetryBackoff;
  private readonly sleep: Sleep;

  constructor(
    private readonly store: EventStore,
    options: LogReaderOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.onFailure = options.onFailure ?? (() => undefined);
    this.backoff = options.backoff ?? jitteredBackoff();
    this.sleep = options.sleep ?? timerSleep;
  }

  /** Starts reading after the lowest position of the consumers; each must have loaded its checkpoint. */
  start(consumers: readonly LogConsumer[]): void {
    if (this.state === 'reading' || this.state === 'retrying') throw new Error('the log reader is already running');
    this.consumers = consumers;
    const positions = consumers.map((c) => c.position).filter((p): p is bigint => p !== null);
    if (positions.length === 0) return;
    const after = positions.reduce((low, p) => (p < low ? p : low));
    this.readPosition = after;
    this.taken = after;
    this.attempts = 0;
    this.lastError = null;
    this.state = 'reading';
    this.stopping = new AbortController();
    this.following = this.follow(this.stopping.signal);
  }

  /** Position of the last event handed to the consumers. */
  get position(): bigint {
    return this.readPosition;
  }

  status(): LogReaderStatus {
    const error = this.lastError === null ? null : errorText(this.lastError);
    return { state: this.state, error, attempts: this.attempts, position: this.readPosition };
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.stop();
    await this.following;
    await this.delivering;
    if (this.state !== 'failed' && this.state !== 'idle') this.state = 'stopped';
  }

  /** Subscribes, and again after each failure of the store, until stopped or a consumer fails. */
  private async follow(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      const error = await this.readUntilEnded(stop);
      // What was taken before the failure goes out first: the next subscription starts after it.
      await this.delivering;
      if (stop.aborted || this.state === 'failed') return;
      this.attempts += 1;
      const retryInMs = this.backoff.delayMs(this.attempts);
      this.state = 'retrying';
      this.lastError = error;
      this.onFailure(error, retryInMs);
      this.tell({ error, final: false, attempts: this.attempts });
      await this.sleep(retryInMs, stop);
    }
  }

  /** Resolves with the store's error when the subscription ends without a stop. */
  private async readUntilEnded(stop: AbortSignal): Promise<unknown> {
    const subscription = this.store.subscribeToAll({ after: this.taken, onSubscribed: () => this.reading() }, (event) =>
      this.take(event),
    );
    this.subscription = subscription;
    try {
      await subscription.done;
      return stop.aborted ? null : new EventStoreUnavailableError('The store ended the subscription');
    } catch (error) {
      return error;
    } finally {
      this.subscription = null;
    }
  }

  /** The store accepted the subscription, or handed an event over: reading again after a failure. */
  private reading(): void {
    if (this.state !== 'retrying') return;
    this.state = 'reading';
    this.attempts = 0;
    this.lastError = null;
    this.tell(null);
  }

  /**
   * A subscription hands events over one at a time: collect them and deliver them as one batch
   * once the read loop yields (setImmediate), or at once when the batch is full.
   */
  private take(event: StoredEvent): void | Promise<void> {
    if (this.state === 'failed' || event.position <= this.taken) return;
    this.reading();
    this.taken = event.position;
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
      if (batch.length === 0 || this.state === 'failed') return;
      try {
        for (const consumer of this.consumers) await consumer.handle(batch);
      } catch (error) {
        this.fail(error);
        return;
      }
      this.readPosition = batch[batch.length - 1].position;
    });
    return this.delivering;
  }

  /** A consumer threw: a bug, not the store's doing, so reading again would only repeat it. */
  private fail(error: unknown): void {
    this.state = 'failed';
    this.lastError = error;
    this.stopping.abort();
    void this.subscription?.stop();
    this.onFailure(error, null);
    this.tell({ error, final: true, attempts: this.attempts });
  }

  private tell(interruption: LogInterruption | null): void {
    for (const consumer of this.consumers) consumer.readerInterrupted?.(interruption);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
