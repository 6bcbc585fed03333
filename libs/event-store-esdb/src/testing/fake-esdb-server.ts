import {
  ANY,
  type AppendExpectedRevision,
  type AppendResult,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  BACKWARDS,
  END,
  type EventData,
  type EventStoreDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  type Filter,
  type ReadAllOptions,
  type ReadPosition,
  type ReadStreamOptions,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  type StreamingRead,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import { wrongExpectedVersionReply } from './recorded-replies';
import { type ResolvedEventShape, resolvedEvent } from './resolved-event.fixture';

/** A subscription as the client hands it over: an object stream that can also unsubscribe. */
export type FakeSubscription = PassThrough & {
  readonly from: ReadPosition;
  readonly filter?: Filter;
  unsubscribe(): Promise<void>;
};

const positionOf = (resolved: AllStreamResolvedEvent): bigint => resolved.event?.position?.commit ?? 0n;

function withoutPosition({ event }: AllStreamResolvedEvent): AllStreamResolvedEvent {
  return { event: event && { ...event, position: undefined } } as AllStreamResolvedEvent;
}

/** The server applies a subscription's filter to the event type or the stream name. */
function passes(resolved: AllStreamResolvedEvent, filter?: Filter): boolean {
  if (!filter || !resolved.event) return true;
  const value = filter.filterOn === 'eventType' ? resolved.event.type : resolved.event.streamId;
  return 'regex' in filter ? new RegExp(filter.regex).test(value) : filter.prefixes.some((p) => value.startsWith(p));
}

/**
 * The read side of an EventStoreDB node as @eventstore/db-client 6.2.1 shows it, without a
 * server: $all reads (forwards inclusive of `fromPosition`; backwards from END), catch-up
 * subscriptions that confirm, catch up and follow live, and the faults a restart, a leader
 * election or a dropped connection produce (a read or a subscription that errors, a
 * subscription the server ends). Only the methods the adapter calls are there.
 */
export class FakeEsdbServer {
  readonly log: AllStreamResolvedEvent[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  private readonly readFaults: Error[] = [];
  private readonly streamReadFaults: Error[] = [];
  private readonly subscribeFaults: Error[] = [];
  private readonly appendFaults: Array<{ error: Error; committed: boolean }> = [];
  /** Appends that reached the server, whether or not they were written or answered. */
  readonly appendsReceived: EventData[][] = [];
  private nextPosition = 100n;
  /** Subscriptions past their catch-up: new events are written to them as they are recorded. */
  private readonly live = new WeakSet<FakeSubscription>();

  /** As a server before 22.6: events read from a stream come without their position ($all reads keep it). */
  streamReadsWithoutPositions = false;

  /** What the server reports when the client connects ("unknown" for a server before 21.10). */
  serverVersion = '24.10.0';
  /** The next connection's server-features query fails with this error (the server cannot be reached). */
  capabilitiesFault: Error | null = null;

  /** The client's protected `capabilities`: the server-features answer it fetched on connecting. */
  get capabilities(): Promise<{ serverVersion: string }> {
    const fault = this.capabilitiesFault;
    return fault ? Promise.reject(fault) : Promise.resolve({ serverVersion: this.serverVersion });
  }

  /** The client as the adapter sees it. */
  get client(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Records an event at the next position (positions grow by 100, as commit positions do by bytes). */
  record(shape: ResolvedEventShape = {}): AllStreamResolvedEvent {
    const position = this.nextPosition;
    this.nextPosition += 100n;
    const id = `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`;
    const resolved = resolvedEvent({ id, ...shape, position });
    this.log.push(resolved);
    for (const subscription of this.open()) {
      if (this.live.has(subscription) && passes(resolved, subscription.filter)) subscription.write(resolved);
    }
    return resolved;
  }

  /** The next reads of $all fail with these errors, one each. */
  failNextReads(...errors: Error[]): void {
    this.readFaults.push(...errors);
  }

  /** The next reads of one stream fail with these errors, one each. */
  failNextStreamReads(...errors: Error[]): void {
    this.streamReadFaults.push(...errors);
  }

  /** The next subscriptions fail with these errors before the server confirms them. */
  refuseNextSubscriptions(...errors: Error[]): void {
    this.subscribeFaults.push(...errors);
  }

  /**
   * The next append fails with `error`: before anything is written, or, `committed`, after the
   * server wrote it (the answer lost to a deadline or a dropped connection).
   */
  failNextAppend(error: Error, { committed }: { committed: boolean }): void {
    this.appendFaults.push({ error, committed });
  }

  /** The live subscription ends: with an error (a dropped connection) or cleanly (the server ended it). */
  dropSubscriptions(error?: Error): void {
    for (const subscription of this.open()) {
      if (error) subscription.destroy(error);
      else subscription.end();
    }
  }

  readAll = ({
    direction,
    fromPosition = START,
    maxCount,
  }: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> => {
    const fault = this.readFaults.shift();
    const backwards = direction === BACKWARDS;
    const from = fromPosition === START || fromPosition === END ? undefined : fromPosition.commit;
    let page = backwards
      ? [...this.log].reverse().filter((e) => from === undefined || positionOf(e) <= from)
      : this.log.filter((e) => from === undefined || positionOf(e) >= from);
    if (maxCount !== undefined) page = page.slice(0, Number(maxCount));
    const stream = Object.assign(new PassThrough({ objectMode: true }), { cancel: async () => undefined });
    setImmediate(() => {
      if (fault) return void stream.destroy(fault);
      for (const resolved of page) stream.write(resolved);
      stream.end();
    });
    return stream as unknown as StreamingRead<AllStreamResolvedEvent>;
  };

  /**
   * Appends with the server's concurrency check and its idempotence: events whose ids are
   * already the stream's next events after the expected revision are taken as a retry of that
   * append, answered as a success and not written again.
   */
  appendToStream = async (
    streamName: string,
    input: EventData | EventData[],
    { expectedRevision = ANY }: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> => {
    const events = Array.isArray(input) ? input : [input];
    this.appendsReceived.push(events);
    const fault = this.appendFaults.shift();
    if (fault && !fault.committed) throw fault.error;
    const stream = this.log.filter((e) => e.event?.streamId === streamName);
    const current = stream.length === 0 ? NO_STREAM : (stream.at(-1)?.event?.revision ?? 0n);
    const first =
      expectedRevision === NO_STREAM ? 0n : typeof expectedRevision === 'bigint' ? expectedRevision + 1n : null;
    const already = first === null ? [] : stream.slice(Number(first), Number(first) + events.length);
    if (already.length === events.length && already.every((e, i) => e.event?.id === events[i].id)) {
      return this.answer(first! + BigInt(events.length) - 1n, already.at(-1)!);
    }
    const matches =
      expectedRevision === ANY ||
      expectedRevision === current ||
      (expectedRevision === STREAM_EXISTS && current !== NO_STREAM);
    if (!matches) throw wrongExpectedVersionReply(streamName, expectedRevision, current);
    let revision = current === NO_STREAM ? -1n : current;
    let last!: AllStreamResolvedEvent;
    for (const { id, type, data, metadata } of events) {
      revision += 1n;
      last = this.record({ id, type, streamId: streamName, revision, data, metadata } as ResolvedEventShape);
    }
    if (fault) throw fault.error;
    return this.answer(revision, last);
  };

  private answer(nextExpectedRevision: bigint, last: AllStreamResolvedEvent): AppendResult {
    const commit = positionOf(last);
    return { success: true, nextExpectedRevision, position: { commit, prepare: commit } };
  }

  /** One stream forwards from `fromRevision` (inclusive); a stream with no events is StreamNotFoundError. */
  readStream = (
    streamName: string,
    { fromRevision, maxCount }: ReadStreamOptions = {},
  ): StreamingRead<ResolvedEvent> => {
    const from = typeof fromRevision === 'bigint' ? fromRevision : 0n;
    const events = this.log.filter((e) => e.event?.streamId === streamName);
    let page = events.filter((e) => (e.event?.revision ?? 0n) >= from);
    if (maxCount !== undefined) page = page.slice(0, Number(maxCount));
    const fault = this.streamReadFaults.shift();
    const stream = Object.assign(new PassThrough({ objectMode: true }), { cancel: async () => undefined });
    setImmediate(() => {
      if (fault) return void stream.destroy(fault);
      if (events.length === 0) return void stream.destroy(new StreamNotFoundError(undefined, streamName));
      for (const resolved of page)
        stream.write(this.streamReadsWithoutPositions ? withoutPosition(resolved) : resolved);
      stream.end();
    });
    return stream as unknown as StreamingRead<ResolvedEvent>;
  };

  subscribeToAll = ({ fromPosition = START, filter }: SubscribeToAllOptions = {}): AllStreamSubscription => {
    const fault = this.subscribeFaults.shift();
    const subscription: FakeSubscription = Object.assign(new PassThrough({ objectMode: true }), {
      from: fromPosition,
      filter,
      unsubscribe: async () => void subscription.end(),
    });
    this.subscriptions.push(subscription);
    setImmediate(() => {
      if (fault) return void subscription.destroy(fault);
      subscription.emit('confirmation');
      // A subscription from a position starts at that event, like a read (the adapter skips it).
      const from = fromPosition === START ? 0n : fromPosition === END ? this.nextPosition : fromPosition.commit;
      for (const resolved of this.log) {
        if (positionOf(resolved) >= from && passes(resolved, filter)) subscription.write(resolved);
      }
      this.live.add(subscription);
    });
    return subscription as unknown as AllStreamSubscription;
  };

  dispose = async (): Promise<void> => {
    this.dropSubscriptions();
  };

  private open(): FakeSubscription[] {
    return this.subscriptions.filter((s) => !s.destroyed && !s.writableEnded);
  }
}
