import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type ReadPosition,
  START,
  StreamNotFoundError,
} from '@eventstore/db-client';
import {
  AppendOutcomeUnknownError,
  type AppendOptions,
  type AppendResult,
  type EventHandler,
  EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  START_OF_LOG,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '@leadledger/event-store';
import { type Clock, systemClock } from '@leadledger/kernel';
import {
  isAfter,
  isVisible,
  positionOf,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toEventStoreError,
} from './esdb-mapping';
import { DEFAULT_MAX_APPEND_BYTES, checkAppendSize } from './esdb-append-size';
import { engineEventOf, foreignReason } from './esdb-foreign-events';
import { requireSupportedServer } from './esdb-server-version';
import { esdbSubscription } from './esdb-subscription';

export type EsdbEventStoreOptions = (
  | { readonly connectionString: string }
  /** An already-built client, for tests; close() disposes it all the same. */
  | { readonly client: EventStoreDBClient }
) & {
  readonly clock?: Clock;
  /** The server's MaxAppendSize, when it was configured other than the default 1 MiB. */
  readonly maxAppendBytes?: number;
};

const DEFAULT_BATCH = 1000;
const HEAD_PAGE = 32;

/** Reads a finite client stream to the end, translating the client's errors. */
async function drain<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
  } catch (error) {
    throw toEventStoreError(error);
  }
  return items;
}

/**
 * The scale-out store: EventStoreDB / KurrentDB over gRPC. Needs server 22.6 or later,
 * whose stream reads carry each event's position (esdb-server-version.ts).
 *
 * Keeps no tamper-evidence hash chain (StoredEvent.hash stays absent): the server gives no
 * transaction that reads the log's last event and appends after it across concurrent writers,
 * so a chain made here would fork. See "Tamper evidence" in docs/operations.md.
 */
export class EsdbEventStore extends EventStore {
  private readonly client: EventStoreDBClient;
  private readonly clock: Clock;
  private readonly maxAppendBytes: number;

  constructor(options: EsdbEventStoreOptions) {
    super();
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
    this.client = 'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
    this.clock = options.clock ?? systemClock;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const now = this.clock.now();
    const data = events.map((event) => toEventData(event, now));
    checkAppendSize(streamId, data, this.maxAppendBytes);
    let next: bigint;
    try {
      const result = await this.client.appendToStream(streamId, data, {
        expectedRevision: toEsdbExpectedRevision(options.expectedRevision),
      });
      next = result.nextExpectedRevision;
    } catch (error) {
      throw toEventStoreError(error, { streamId, expectedRevision: options.expectedRevision });
    }
    // The append answers with one position for the whole batch; each event's own position
    // (the contract hands them out) is only known by reading the events back.
    const fromRevision = next - BigInt(events.length) + 1n;
    let stored: StoredEvent[];
    try {
      stored = await this.readStream(streamId, { fromRevision, maxCount: events.length });
    } catch (error) {
      // Written, but the caller cannot be told where: a retry with the same event ids finds them.
      throw new AppendOutcomeUnknownError(streamId, { cause: error });
    }
    return { nextExpectedRevision: next, events: stored };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
      });
      // Another writer's events in one of our streams are skipped like any foreign event.
      return (await drain(read)).flatMap((resolved) => engineEventOf(resolved) ?? []);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toEventStoreError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const maxCount = options.maxCount ?? DEFAULT_BATCH;
    const found: StoredEvent[] = [];
    if (maxCount <= 0) return found;
    // The client's readAll has no server-side filter (only subscribeToAll does), so the
    // log is paged and filtered here; +1 leaves room for the event at `after` itself.
    const pageSize = Math.min(Math.max(maxCount + 1, 64), 4096);
    for await (const resolved of this.scan('forwards', options.after ?? START_OF_LOG, pageSize)) {
      if (!resolved.event || !isVisible(resolved.event, options.filter)) continue;
      const event = engineEventOf(resolved);
      if (!event) continue;
      found.push(event);
      if (found.length >= maxCount) break;
    }
    return found;
  }

  /**
   * $all one page at a time, each event once. A page starts at the previous page's last
   * position, which the server includes again: anything not beyond the cursor is skipped.
   * Forwards, `from` is exclusive like our `after`; backwards, 0n means from the end.
   */
  private async *scan(
    direction: 'forwards' | 'backwards',
    from: bigint,
    pageSize: number,
  ): AsyncGenerator<AllStreamResolvedEvent> {
    const forwards = direction === 'forwards';
    let cursor: bigint | undefined = forwards ? from : undefined;
    let fromPosition: ReadPosition = forwards ? toEsdbPosition(from) : END;
    for (;;) {
      const page = await drain(
        this.client.readAll({ direction: forwards ? FORWARDS : BACKWARDS, fromPosition, maxCount: pageSize }),
      );
      let fresh = 0;
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (cursor !== undefined && (forwards ? !isAfter(position, cursor) : position >= cursor)) continue;
        cursor = position;
        fresh += 1;
        yield resolved;
      }
      if (page.length < pageSize || fresh === 0 || cursor === undefined) return;
      fromPosition = { commit: cursor, prepare: cursor };
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    return esdbSubscription(this.client, options, handler);
  }

  /**
   * The last event our callers can see: system and other applications' events are skipped,
   * since a subscriber never receives them and could never catch up to their position.
   */
  async headPosition(): Promise<bigint> {
    for await (const resolved of this.scan('backwards', START_OF_LOG, HEAD_PAGE)) {
      if (resolved.event && foreignReason(resolved.event) === null) return positionOf(resolved);
    }
    return START_OF_LOG;
  }

  /**
   * Throws when the server cannot be reached, or is older than the adapter needs (the version
   * it reported when the client connected, asked again after a reconnection). The engine pings
   * once before it starts, and /health on every check.
   */
  async ping(): Promise<void> {
    try {
      await requireSupportedServer(this.client);
    } catch (error) {
      throw toEventStoreError(error);
    }
    await drain(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
