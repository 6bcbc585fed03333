import type { ExpectedRevision } from './expected-revision';
import type { GlobalLogFilter } from './global-log-filter';
import type { NewEvent, StoredEvent } from './stored-event';
import { StoreActivity } from './store-activity';
import { StreamStateCache } from './stream-state-cache';

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: bigint;
  readonly events: readonly StoredEvent[];
}

/** One stream's part of an append to several streams. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to the first event, backwards to the last. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. Defaults to the start of the log. */
  readonly after?: bigint;
  readonly maxCount?: number;
  readonly filter?: GlobalLogFilter;
}

export interface SubscribeOptions {
  /** Exclusive, as in readAll: resume by passing the last position handled. */
  readonly after?: bigint;
  readonly filter?: GlobalLogFilter;
  /**
   * Called once the store has accepted the subscription (EventStoreDB's confirmation, the
   * first read answered): a reader that lost its subscription knows it is reading again even
   * when no event comes.
   */
  readonly onSubscribed?: () => void;
}

export type EventHandler = (event: StoredEvent) => void | Promise<void>;

export interface Subscription {
  /** Stops delivery after the event being handled, if any; resolves once stopped. */
  stop(): Promise<void>;
  /**
   * Settles when the subscription ends: resolves on stop, rejects with the handler's or the
   * store's error (a server that ends it, a dropped connection). It never resubscribes by
   * itself: the LogReader does, after the last event it handled.
   */
  readonly done: Promise<void>;
}

/**
 * The event log. An abstract class rather than an interface so it is also the Nest DI
 * token: `constructor(private readonly store: EventStore)` needs nothing else.
 */
export abstract class EventStore {
  /**
   * Each stream's last folded state, for loadState and handleCommand: this store instance's
   * own (two engines on one file each have theirs), with snapshots once `useSnapshots` is called.
   */
  readonly streamStates = new StreamStateCache();

  /** Counted by the command path (appends, lost races, retries); read by /metrics. */
  readonly activity = new StoreActivity();

  /** Appends atomically to one stream, or throws WrongExpectedRevisionError and writes nothing. */
  abstract appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /**
   * Whether `appendToStreams` writes all its streams or none (one transaction). A workflow may
   * then take several of its steps in one append; otherwise it takes them one at a time.
   */
  get appendsAtomically(): boolean {
    return false;
  }

  /**
   * Appends to several streams, each checked against its own expected revision, in the order
   * given. Where `appendsAtomically`, in one transaction: one stream's conflict (a
   * WrongExpectedRevisionError naming it) writes none of them. Otherwise one stream after
   * another, as separate appends: a failure leaves the earlier ones written.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of appends) {
      results.push(await this.appendToStream(streamId, events, { expectedRevision }));
    }
    return results;
  }

  /** One stream's events; a stream with no events reads as an empty list. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** A batch of the global log in commit order. */
  abstract readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /** Catches up from `after`, then follows live, handing each event over once, in commit order. */
  abstract subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription;

  /** Position of the last committed event (0 when the log is empty). */
  abstract headPosition(): Promise<bigint>;

  /**
   * Someone waits for the live subscriptions to reach the head (a read that must see the writes
   * before it): a store whose subscriptions gather appends for a moment reads at once instead.
   */
  hurryLiveReads(): void {}

  /** Throws when the store cannot be reached. */
  abstract ping(): Promise<void>;

  abstract close(): Promise<void>;
}
