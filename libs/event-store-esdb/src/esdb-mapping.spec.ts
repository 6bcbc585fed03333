import {
  ANY,
  AccessDeniedError,
  type AllStreamResolvedEvent,
  DeadlineExceededError,
  NO_STREAM,
  type RegexFilter,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '@leadledger/event-store';
import { anEvent } from '@leadledger/event-store/testing';
import {
  fromEsdbCurrentRevision,
  isAfter,
  isVisible,
  positionOf,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toEventStoreError,
  toStoredEvent,
  toSubscriptionFilter,
} from './esdb-mapping';
import { fixtureMetadata, resolvedEvent } from './testing/resolved-event.fixture';

const ABOVE_2_53 = 2n ** 60n + 7n;

describe('expected revisions', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['any', ANY],
    [5n, 5n],
    [ABOVE_2_53, ABOVE_2_53],
  ] as const)('maps %p to the client value %p', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });

  it('reads a missing stream as no_stream, whether the client says NO_STREAM or -1', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(-1n)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(0n)).toBe(0n);
    expect(fromEsdbCurrentRevision(ABOVE_2_53)).toBe(ABOVE_2_53);
  });
});

describe('errors', () => {
  const conflict = (current: bigint | typeof NO_STREAM, expected: bigint | typeof NO_STREAM = NO_STREAM) =>
    new WrongExpectedVersionError(undefined, { streamName: 'lead-1', expected, current });

  it('turns a wrong expected version into our conflict, with the actual revision', () => {
    const error = toEventStoreError(conflict(3n), { streamId: 'lead-1', expectedRevision: 'no_stream' });
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'lead-1', expectedRevision: 'no_stream', actualRevision: 3n });
  });

  it('reports a missing stream as no_stream and falls back to the client expected revision', () => {
    expect(toEventStoreError(conflict(NO_STREAM, 2n))).toMatchObject({
      expectedRevision: 2n,
      actualRevision: 'no_stream',
    });
    expect(toEventStoreError(conflict(-1n, -4n))).toMatchObject({
      expectedRevision: 'stream_exists',
      actualRevision: 'no_stream',
    });
  });

  it.each([
    ['UnavailableError', new UnavailableError()],
    ['DeadlineExceededError', new DeadlineExceededError()],
    ['a raw gRPC UNAVAILABLE', Object.assign(new Error('14 UNAVAILABLE: No connection'), { code: 14, details: '' })],
    ['failed discovery', new Error('Failed to discover after 10 attempts.')],
  ])('turns %s into EventStoreUnavailableError, keeping the cause', (_, cause) => {
    const error = toEventStoreError(cause);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).cause).toBe(cause);
  });

  it.each([
    ['a TypeError', new TypeError('bad')],
    ['AccessDeniedError', new AccessDeniedError()],
    ['StreamNotFoundError', new StreamNotFoundError(undefined, 'lead-1')],
    ['a raw gRPC INVALID_ARGUMENT', Object.assign(new Error('3 INVALID_ARGUMENT'), { code: 3, details: 'bad' })],
    ['a non-Error', 'boom'],
  ])('passes %s through unchanged', (_, original) => {
    expect(toEventStoreError(original)).toBe(original);
  });
});

describe('positions', () => {
  it('reads from the start of $all for 0, else from the commit position used as both', () => {
    expect(toEsdbPosition(0n)).toBe(START);
    expect(toEsdbPosition(ABOVE_2_53)).toEqual({ commit: ABOVE_2_53, prepare: ABOVE_2_53 });
  });

  it('skips the event at exactly `after`, since the server includes it', () => {
    expect(isAfter(300n, 300n)).toBe(false);
    expect(isAfter(299n, 300n)).toBe(false);
    expect(isAfter(301n, 300n)).toBe(true);
  });

  it('takes the commit position of the event, else of the resolved event', () => {
    expect(positionOf(resolvedEvent({ position: ABOVE_2_53 }))).toBe(ABOVE_2_53);
    const { event, ...rest } = resolvedEvent({ position: 9n });
    expect(positionOf({ ...rest, event: { ...event, position: undefined } } as AllStreamResolvedEvent)).toBe(9n);
    expect(() =>
      positionOf({
        ...rest,
        commitPosition: undefined,
        event: { ...event, position: undefined },
      } as AllStreamResolvedEvent),
    ).toThrow(/without its position/);
  });
});

describe('stored events', () => {
  it('maps a recorded event, keeping bigint revision and position above 2^53 exact', () => {
    const stored = toStoredEvent(resolvedEvent({ revision: ABOVE_2_53, position: ABOVE_2_53 + 1n }));
    expect(stored).toEqual({
      id: '6f1c2a8e-3d4b-4c5a-9e7f-0a1b2c3d4e5f',
      type: 'LeadReceived',
      streamId: 'lead-1',
      revision: ABOVE_2_53,
      position: ABOVE_2_53 + 1n,
      data: { phone: '+8613800138000' },
      metadata: fixtureMetadata,
    });
  });

  it('falls back to the server created date when metadata has no recordedAt', () => {
    const { recordedAt: _dropped, ...withoutRecordedAt } = fixtureMetadata;
    const stored = toStoredEvent(resolvedEvent({ metadata: withoutRecordedAt }));
    expect(stored.metadata.recordedAt).toBe('2026-11-02T09:30:02.000Z');
    expect(stored.metadata.actorId).toBe('rep-1');
  });

  it('refuses an event whose data is not a JSON object', () => {
    const { event, ...rest } = resolvedEvent();
    const binary = { ...rest, event: { ...event, isJson: false, data: new Uint8Array([1]) } } as AllStreamResolvedEvent;
    expect(() => toStoredEvent(binary)).toThrow(/not a JSON object/);
  });
});

describe('new events', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');

  it('writes JSON with our metadata, stamping recordedAt from the clock', () => {
    const event = { ...anEvent('LeadReceived', { phone: '+86' }), id: '0b8c5c1e-8a3f-4a8e-9d7b-1c2d3e4f5a6b' };
    const data = toEventData(event, now);
    expect(data).toMatchObject({
      id: event.id,
      type: 'LeadReceived',
      contentType: 'application/json',
      data: { phone: '+86' },
      metadata: { ...event.metadata, recordedAt: '2026-12-01T00:00:00.000Z' },
    });
  });

  it('refuses data holding a number JSON cannot write (NaN, Infinity), as the SQLite store does', () => {
    expect(() => toEventData(anEvent('SaleRecorded', { amount: Number.NaN }), now)).toThrow(RangeError);
    expect(() => toEventData(anEvent('SaleRecorded', { amount: Number.POSITIVE_INFINITY }), now)).toThrow(RangeError);
  });

  it('keeps an imported recordedAt, and makes an id when none is given', () => {
    const imported = anEvent('LeadReceived');
    const data = toEventData(
      { ...imported, metadata: { ...imported.metadata, recordedAt: '2020-01-01T00:00:00.000Z' } },
      now,
    );
    expect(data.metadata).toMatchObject({ recordedAt: '2020-01-01T00:00:00.000Z' });
    expect(data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

describe('filters', () => {
  const regexOf = (filter: ReturnType<typeof toSubscriptionFilter>) => new RegExp((filter as RegexFilter).regex);

  it('without a filter, asks the server to leave out system events', () => {
    const filter = toSubscriptionFilter(undefined);
    expect(filter.filterOn).toBe('eventType');
    expect(regexOf(filter).test('$metadata')).toBe(false);
    expect(regexOf(filter).test('LeadReceived')).toBe(true);
    expect(toSubscriptionFilter({ eventTypes: [], streamPrefixes: [] })).toEqual(filter);
  });

  it('matches event types exactly, not as prefixes or regex patterns', () => {
    const filter = toSubscriptionFilter({ eventTypes: ['Lead.Received', 'SaleRecorded'] });
    expect(filter.filterOn).toBe('eventType');
    const regex = regexOf(filter);
    expect(['Lead.Received', 'SaleRecorded'].map((t) => regex.test(t))).toEqual([true, true]);
    expect(['LeadXReceived', 'SaleRecordedLater', 'XSaleRecorded'].map((t) => regex.test(t))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('filters stream prefixes on the server', () => {
    expect(toSubscriptionFilter({ streamPrefixes: ['lead-', 'sale-'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['lead-', 'sale-'],
    });
  });

  it('with both, filters prefixes on the server and types on our side', () => {
    const filter = { eventTypes: ['Wanted'], streamPrefixes: ['t1-'] };
    expect(toSubscriptionFilter(filter)).toMatchObject({ filterOn: 'streamName', prefixes: ['t1-'] });
    expect(isVisible({ type: 'Wanted', streamId: 't1-a' }, filter)).toBe(true);
    expect(isVisible({ type: 'Other', streamId: 't1-a' }, filter)).toBe(false);
    expect(isVisible({ type: 'Wanted', streamId: 't2-a' }, filter)).toBe(false);
  });

  it('never shows a system event, filtered or not', () => {
    expect(isVisible({ type: '$metadata', streamId: '$$lead-1' })).toBe(false);
    expect(isVisible({ type: '$>', streamId: 't1-a' }, { streamPrefixes: ['t1-'] })).toBe(false);
    expect(isVisible({ type: 'LeadReceived', streamId: 'lead-1' })).toBe(true);
  });
});
