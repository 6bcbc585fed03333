import {
  ANY,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  CancelledError,
  type CurrentRevision as EsdbCurrentRevision,
  DeadlineExceededError,
  StreamDeletedError as EsdbStreamDeletedError,
  type EventData,
  type Filter,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  type ReadPosition,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import { canonicalJson } from '@leadledger/kernel';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  type CurrentRevision,
  type EventMetadata,
  EventStoreUnavailableError,
  type ExpectedRevision,
  type GlobalLogFilter,
  IncompatibleEventStoreError,
  type JsonObject,
  type NewEvent,
  START_OF_LOG,
  type StoredEvent,
  StreamDeletedError,
  WrongExpectedRevisionError,
  matchesFilter,
} from '@leadledger/event-store';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
}

/** The client says NO_STREAM on the throwing path and -1n on the non-throwing one. */
export function fromEsdbCurrentRevision(actual: EsdbCurrentRevision): CurrentRevision {
  return actual === NO_STREAM || actual < 0n ? 'no_stream' : actual;
}

/** Reverse of toEsdbExpectedRevision, also reading the server's legacy negative codes. */
export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected !== 'bigint') return expected;
  const legacy: Record<string, ExpectedRevision> = { '-1': 'no_stream', '-2': 'any', '-4': 'stream_exists' };
  return legacy[expected.toString()] ?? expected;
}

/** Refused before anything was written: the node cannot take the call now. */
const UNAVAILABLE = [UnavailableError, DeadlineExceededError, TimeoutError, NotLeaderError, CancelledError];
/**
 * On an append, the call may have reached the server and committed before its answer was lost:
 * a deadline, a server-side commit timeout (ABORTED, or a Timeout detail in a batch append's
 * reply), a cancelled call or a connection that dropped mid-call.
 */
const OUTCOME_UNKNOWN = [DeadlineExceededError, TimeoutError, CancelledError, UnavailableError];
/** Thrown by the client's gossip discovery, as a plain Error, when no node answers. */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

/** What the caller asked for, when the error answers an append. */
export interface AppendAttempt {
  readonly streamId: string;
  /** The server's own echo of it can be a legacy negative code, so ours is reported. */
  readonly expectedRevision: ExpectedRevision;
}

/** Translates a client error into the port's errors; anything else is returned unchanged. */
export function toEventStoreError(error: unknown, append?: AppendAttempt): unknown {
  if (!(error instanceof Error)) return error;
  // Raw gRPC errors (a numeric code) become the client's classes; others come back as is.
  const converted = convertToCommandError(error);
  if (converted instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      converted.streamName || (append?.streamId ?? ''),
      append?.expectedRevision ?? fromEsdbExpectedRevision(converted.expectedVersion),
      fromEsdbCurrentRevision(converted.actualVersion),
    );
  }
  if (converted instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(append?.streamId ?? 'a stream', null, converted.maxAppendSize);
  }
  if (converted instanceof EsdbStreamDeletedError) {
    return new StreamDeletedError(converted.streamName || (append?.streamId ?? ''));
  }
  if (converted instanceof NotLeaderError) {
    const { address, port } = converted.leader;
    return new EventStoreUnavailableError(
      `EventStoreDB: this node is not the leader (the leader is ${address}:${port}); nothing was written`,
      { cause: error },
    );
  }
  if (append && OUTCOME_UNKNOWN.some((type) => converted instanceof type)) {
    return new AppendOutcomeUnknownError(append.streamId, { cause: error });
  }
  if (UNAVAILABLE.some((type) => converted instanceof type) || DISCOVERY_FAILED.test(error.message)) {
    return new EventStoreUnavailableError(`EventStoreDB unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

/** `$`-typed events are the server's own ($metadata, $> links, $settings...): never ours. */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

/** Whether a global-log event is handed to our callers: not the server's own, and through the filter. */
export function isVisible(event: Pick<StoredEvent, 'type' | 'streamId'>, filter?: GlobalLogFilter): boolean {
  return !isSystemEventType(event.type) && !event.streamId.startsWith('$') && matchesFilter(event, filter);
}

/**
 * Our positions are EventStoreDB commit positions. Since EventStoreDB 20 every event is
 * its own log record whose commit position equals its prepare position, so one bigint
 * identifies it and is passed back as both. (Events written in legacy multi-record TCP
 * transactions would differ; this engine never writes those.)
 */
export function toEsdbPosition(after: bigint): ReadPosition {
  return after === START_OF_LOG ? START : { commit: after, prepare: after };
}

/**
 * readAll and subscribeToAll start AT the given position (inclusive), while our `after`
 * is exclusive: an event is new only when its position is strictly greater.
 */
export function isAfter(position: bigint, after: bigint): boolean {
  return position > after;
}

export function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  // Stream reads carry positions only from server 22.6 on.
  if (position === undefined) {
    throw new IncompatibleEventStoreError(
      'EventStoreDB returned an event without its position: stream reads carry positions from server 22.6 on',
    );
  }
  return position;
}

function jsonObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new TypeError(`${what} is not a JSON object: not an event this engine wrote`);
  }
  // The client parsed it from JSON, so every value in it is a JSON value.
  return value as JsonObject;
}

export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent {
  const recorded = resolved.event;
  if (!recorded) throw new Error('EventStoreDB returned a link without its event');
  const what = `Event ${recorded.id} in ${recorded.streamId}`;
  const metadata = jsonObject(recorded.metadata, `${what}: metadata`);
  const recordedAt = typeof metadata.recordedAt === 'string' ? metadata.recordedAt : recorded.created.toISOString();
  return {
    id: recorded.id,
    type: recorded.type,
    streamId: recorded.streamId,
    revision: recorded.revision,
    position: positionOf(resolved),
    data: jsonObject(recorded.data, `${what}: data`),
    // Written by toEventData from an EventMetadata; only recordedAt may be missing.
    metadata: { ...metadata, recordedAt } as EventMetadata,
  };
}

/**
 * `now` is read once per append, so one append's events share their recordedAt. Data holding a
 * number JSON has no form for (NaN, Infinity) is refused with a RangeError by `canonicalJson`, as
 * the SQLite store refuses it, where the client's JSON.stringify would write null: an amount is
 * never silently stored as null.
 */
export function toEventData(event: NewEvent, now: Date): EventData {
  canonicalJson(event.data);
  const metadata: EventMetadata = { ...event.metadata, recordedAt: event.metadata.recordedAt ?? now.toISOString() };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: { ...metadata } });
}

function exactly(values: readonly string[]): string {
  const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}

/**
 * The server-side part of a subscription filter. The server filters on event type or on
 * stream name, never both: with both, it filters stream prefixes (the narrower, as a rule)
 * and isVisible applies the types on our side. isVisible runs on every event anyway.
 */
export function toSubscriptionFilter(filter?: GlobalLogFilter): Filter {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes] });
  if (types.length > 0) return eventTypeFilter({ regex: exactly(types) });
  return excludeSystemEvents();
}
