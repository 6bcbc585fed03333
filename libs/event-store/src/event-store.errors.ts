import { type CurrentRevision, type ExpectedRevision, describeRevision } from './expected-revision';

/** An append whose expected revision did not match the stream; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: CurrentRevision,
  ) {
    super(
      `Stream ${streamId}: expected revision ${describeRevision(expectedRevision)}, ` +
        `actual ${describeRevision(actualRevision)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached or answered with a fault that is not the caller's doing. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * The process has not been reading the log for longer than a waiting reader may wait (the store
 * is unreachable, or a consumer failed): what the read models say would be stale.
 */
export class LogReaderDownError extends EventStoreUnavailableError {
  constructor(cause: unknown) {
    super(`The engine is not reading the event log: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'LogReaderDownError';
  }
}

/**
 * The append was sent, but its answer was lost (a deadline, a cancelled call, a dropped
 * connection, a server-side commit timeout): it may or may not be in the log. Retrying the same
 * command is safe where its event ids are derived from the command, since the store then
 * recognises the retry as the same append.
 */
export class AppendOutcomeUnknownError extends EventStoreUnavailableError {
  constructor(
    readonly streamId: string,
    options: { cause?: unknown },
  ) {
    super(`The append to ${streamId} may or may not have been written: its answer was lost`, options);
    this.name = 'AppendOutcomeUnknownError';
  }
}

/** An append larger than the store accepts in one write; nothing was written. */
export class AppendTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    /** Null when the store refused it without saying the size. */
    readonly bytes: number | null,
    readonly limitBytes: number,
  ) {
    super(
      `The append to ${streamId} is ${bytes === null ? 'over' : `${bytes} bytes,`} the store's limit of ` +
        `${limitBytes} bytes per write; nothing was written`,
    );
    this.name = 'AppendTooLargeError';
  }
}

/** The stream was deleted in the store (by hand: the engine never deletes): it takes no events. */
export class StreamDeletedError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} was deleted in the event store; it can be neither read nor appended to`);
    this.name = 'StreamDeletedError';
  }
}

/** The store answers, but not in a way this engine can use (a server older than it needs). */
export class IncompatibleEventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompatibleEventStoreError';
  }
}
