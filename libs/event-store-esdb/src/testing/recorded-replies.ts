import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { unpackToCommandError } from '@eventstore/db-client/dist/streams/appendToStream/unpackError';
import {
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  Timeout,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';

/** A detail message of a batch append's failed reply, and the type name the server packs it under. */
type Detail = { serializeBinary(): Uint8Array };

/**
 * A batch append's failed reply as the server sends it (servers from 21.10 on, which the client
 * uses whenever the server offers it): a google.rpc.Status whose detail is one of the client's
 * generated messages. It goes over the wire format and back, then through the client's own
 * decoding (unpackToCommandError), so the error is the one the client would throw.
 */
function batchAppendFailure(streamName: string, detail: Detail, typeName: string): Error {
  const details = new Any();
  details.pack(detail.serializeBinary(), `event_store.client.${typeName}`);
  const reply = new BatchAppendResp()
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName)))
    .setError(new Status().setCode(9).setMessage(typeName).setDetails(details));
  const received = BatchAppendResp.deserializeBinary(reply.serializeBinary());
  const name = Buffer.from(received.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
  return unpackToCommandError(received.getError()!, name);
}

type Revision = bigint | 'no_stream' | 'stream_exists' | 'any';

/** The server's WrongExpectedVersion detail: what was expected, and the stream's actual state. */
export function wrongExpectedVersionReply(
  streamName: string,
  expected: Revision,
  current: bigint | 'no_stream',
): Error {
  const detail = new WrongExpectedVersion();
  if (current === 'no_stream') detail.setCurrentNoStream(new Empty());
  else detail.setCurrentStreamRevision(current.toString());
  if (typeof expected === 'bigint') detail.setExpectedStreamPosition(expected.toString());
  else if (expected === 'no_stream') detail.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') detail.setExpectedStreamExists(new Empty());
  else detail.setExpectedAny(new Empty());
  return batchAppendFailure(streamName, detail, 'WrongExpectedVersion');
}

/** The server did not commit within its own timeout: the write may still happen. */
export const commitTimeoutReply = (streamName: string): Error =>
  batchAppendFailure(streamName, new Timeout(), 'Timeout');

export const maximumAppendSizeReply = (streamName: string, maxAppendSize: number): Error =>
  batchAppendFailure(
    streamName,
    new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
    'MaximumAppendSizeExceeded',
  );

export const streamDeletedOnAppendReply = (streamName: string): Error =>
  batchAppendFailure(streamName, new StreamDeleted(), 'StreamDeleted');

/**
 * A failed call as grpc-js hands it to the client: a status code, its details, and the
 * trailers in which the server names the exception (read by the client's convertToCommandError).
 */
export function callFailure(code: GrpcStatus, details: string, trailers: Record<string, string> = {}): Error {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), { code, details, metadata });
}

/** A follower refusing a write (or a leader-only read), naming the leader. */
export const notLeaderReply = (): Error =>
  callFailure(GrpcStatus.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': 'node-2.esdb.local',
    'leader-endpoint-port': '2113',
  });

/** A read of a tombstoned stream. */
export const streamDeletedOnReadReply = (streamName: string): Error =>
  callFailure(GrpcStatus.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });

/** The legacy append's reply (a server without batch append): the versions travel in the trailers. */
export const legacyWrongExpectedVersionReply = (streamName: string, expected: string, actual?: string): Error =>
  callFailure(GrpcStatus.FAILED_PRECONDITION, 'Append failed due to WrongExpectedVersion.', {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expected,
    ...(actual === undefined ? {} : { 'actual-version': actual }),
  });

export const legacyMaximumAppendSizeReply = (maxAppendSize: number): Error =>
  callFailure(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
