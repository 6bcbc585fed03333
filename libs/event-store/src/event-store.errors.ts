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
