import type { ResolvedEvent, StreamingRead } from '@eventstore/db-client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  EventStoreUnavailableError,
  type ExpectedRevision,
  IncompatibleEventStoreError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '@leadledger/event-store';
import { anEvent } from '@leadledger/event-store/testing';
import { PassThrough } from 'node:stream';
import { EsdbEventStore } from './esdb-event-store';
import { toEventStoreError } from './esdb-mapping';
import { FakeEsdbServer } from './testing/fake-esdb-server';
import {
  callFailure,
  commitTimeoutReply,
  legacyMaximumAppendSizeReply,
  legacyWrongExpectedVersionReply,
  maximumAppendSizeReply,
  notLeaderReply,
  streamDeletedOnAppendReply,
  streamDeletedOnReadReply,
  wrongExpectedVersionReply,
} from './testing/recorded-replies';

const ABOVE_2_53 = 2n ** 60n;
const onAppend = (reply: Error, expectedRevision: ExpectedRevision = 3n) =>
  toEventStoreError(reply, { streamId: 'lead-1', expectedRevision });

describe('a lost race, in every shape the server reports it', () => {
  it.each([
    ['a revision expected, the stream further on', 3n, 3n, 5n, 5n],
    ['no stream expected, the stream there', 'no_stream', 'no_stream', 0n, 0n],
    ['the stream expected, none there', 'stream_exists', 'stream_exists', 'no_stream', 'no_stream'],
    ['a revision expected, no stream there', 7n, 7n, 'no_stream', 'no_stream'],
    ['revisions above 2^53', ABOVE_2_53, ABOVE_2_53, ABOVE_2_53 + 3n, ABOVE_2_53 + 3n],
  ] as const)('%s: WrongExpectedRevisionError with the actual revision', (_, ours, theirs, current, actual) => {
    const error = onAppend(wrongExpectedVersionReply('lead-1', theirs, current), ours);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'lead-1', expectedRevision: ours, actualRevision: actual });
  });

  it('the legacy append reply (versions in the trailers, negative codes) reads the same', () => {
    expect(onAppend(legacyWrongExpectedVersionReply('lead-1', '-1', '4'), 'no_stream')).toMatchObject({
      expectedRevision: 'no_stream',
      actualRevision: 4n,
    });
    const withoutOurs = toEventStoreError(legacyWrongExpectedVersionReply('lead-1', '-4'));
    expect(withoutOurs).toMatchObject({ expectedRevision: 'stream_exists', actualRevision: 'no_stream' });
  });
});

describe('an append whose answer was lost: the outcome is unknown, not "nothing written"', () => {
  it.each([
    ['the server’s commit timeout', commitTimeoutReply('lead-1')],
    ['a deadline', callFailure(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline Exceeded')],
    ['an aborted call', callFailure(GrpcStatus.ABORTED, 'Operation timed out')],
    ['a call the server cancelled', callFailure(GrpcStatus.CANCELLED, 'Call cancelled by the server')],
    ['a connection dropped mid-call', callFailure(GrpcStatus.UNAVAILABLE, 'Connection dropped')],
  ])('%s: AppendOutcomeUnknownError, a store error (503) naming the stream', (_, reply) => {
    const error = onAppend(reply);
    expect(error).toBeInstanceOf(AppendOutcomeUnknownError);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error).toMatchObject({ streamId: 'lead-1', cause: reply });
  });

  it('the same faults on a read are the store being unavailable: a read writes nothing', () => {
    for (const reply of [
      callFailure(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline Exceeded'),
      callFailure(GrpcStatus.UNAVAILABLE, 'No connection established'),
    ]) {
      const error = toEventStoreError(reply);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).not.toBeInstanceOf(AppendOutcomeUnknownError);
    }
  });
});

describe('refusals that wrote nothing', () => {
  it('a follower refusing the write names the leader, and is unavailable, not unknown', () => {
    const error = onAppend(notLeaderReply());
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error).not.toBeInstanceOf(AppendOutcomeUnknownError);
    expect((error as Error).message).toMatch(/not the leader \(the leader is node-2\.esdb\.local:2113\)/);
  });

  it.each([
    ['batch append', maximumAppendSizeReply('lead-1', 1_048_576)],
    ['legacy append', legacyMaximumAppendSizeReply(1_048_576)],
  ])('the maximum append size exceeded (%s): AppendTooLargeError with the limit', (_, reply) => {
    const error = onAppend(reply);
    expect(error).toBeInstanceOf(AppendTooLargeError);
    expect(error).toMatchObject({ streamId: 'lead-1', bytes: null, limitBytes: 1_048_576 });
  });

  it('a deleted stream, appended to or read: StreamDeletedError naming it', () => {
    expect(onAppend(streamDeletedOnAppendReply('lead-1'))).toEqual(new StreamDeletedError('lead-1'));
    expect(toEventStoreError(streamDeletedOnReadReply('lead-9'))).toEqual(new StreamDeletedError('lead-9'));
  });
});

describe('the same replies through the store', () => {
  it('an append the server refuses as a lost race is the conflict, with nothing written', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbEventStore({ client: server.client });
    await store.appendToStream('lead-1', [anEvent('LeadReceived')], { expectedRevision: 'no_stream' });
    const again = store.appendToStream('lead-1', [anEvent('LeadReceived')], { expectedRevision: 'no_stream' });
    await expect(again).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actualRevision: 0n });
    expect(await store.readStream('lead-1')).toHaveLength(1);
  });

  it('a read of a deleted stream is StreamDeletedError, not an empty stream', async () => {
    const server = new FakeEsdbServer();
    // The client hands a failed read over as a stream that errors.
    server.readStream = () => {
      const failed = new PassThrough({ objectMode: true });
      setImmediate(() => failed.destroy(streamDeletedOnReadReply('lead-1')));
      return Object.assign(failed, { cancel: async () => undefined }) as unknown as StreamingRead<ResolvedEvent>;
    };
    const store = new EsdbEventStore({ client: server.client });
    await expect(store.readStream('lead-1')).rejects.toEqual(new StreamDeletedError('lead-1'));
  });

  it('a stream read without positions (a server before 22.6) is IncompatibleEventStoreError', async () => {
    const server = new FakeEsdbServer();
    server.record({ streamId: 'lead-1', revision: 0n });
    server.streamReadsWithoutPositions = true;
    const store = new EsdbEventStore({ client: server.client });
    await expect(store.readStream('lead-1')).rejects.toBeInstanceOf(IncompatibleEventStoreError);
  });
});

describe('a server older than the adapter needs', () => {
  it.each(['22.6.0', '22.10.3', '23.10.0', '24.10.0', '25.0.1'])('%s is accepted', async (version) => {
    const server = new FakeEsdbServer();
    server.serverVersion = version;
    await expect(new EsdbEventStore({ client: server.client }).ping()).resolves.toBeUndefined();
  });

  it.each([
    ['22.2.0', /version 22\.2\.0: the engine needs EventStoreDB \(KurrentDB\) 22\.6 or later/],
    ['21.10.9', /version 21\.10\.9: the engine needs EventStoreDB \(KurrentDB\) 22\.6 or later/],
    ['unknown', /does not report its version \(it predates 21\.10\)/],
  ])('%s is refused by ping (start-up and /health), naming the version needed', async (version, message) => {
    const server = new FakeEsdbServer();
    server.serverVersion = version;
    const ping = new EsdbEventStore({ client: server.client }).ping();
    await expect(ping).rejects.toBeInstanceOf(IncompatibleEventStoreError);
    await expect(ping).rejects.toThrow(message);
  });

  it('a server that cannot be reached for its version is unavailable, not incompatible', async () => {
    const server = new FakeEsdbServer();
    server.capabilitiesFault = callFailure(GrpcStatus.UNAVAILABLE, 'No connection established');
    await expect(new EsdbEventStore({ client: server.client }).ping()).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
  });
});
