import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  EventStoreUnavailableError,
  LogReaderDownError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '@leadledger/event-store';
import type { Response } from 'express';

/** Seconds a client is asked to wait before retrying after the store failed (a leader election takes a few). */
export const STORE_RETRY_AFTER_SECONDS = 2;
/** The log reader retries with backoff; the read models need a little longer to catch up after it. */
export const LOG_READER_RETRY_AFTER_SECONDS = 5;

type Answer = readonly [status: number, body: object, retryAfterSeconds?: number];

function answerFor(exception: unknown): Answer | null {
  if (exception instanceof AppendOutcomeUnknownError) {
    const message =
      'The event store lost the answer to this write: it may or may not be recorded. Retry the same request ' +
      'with the same Idempotency-Key where the route takes one (a repeat is recognised); otherwise check first.';
    return [
      503,
      { statusCode: 503, error: 'Service Unavailable', code: 'WriteOutcomeUnknown', message },
      STORE_RETRY_AFTER_SECONDS,
    ];
  }
  if (exception instanceof LogReaderDownError) {
    const message =
      'The engine is not reading its event log at the moment, so its answers would be stale; retry later.';
    return [
      503,
      { statusCode: 503, error: 'Service Unavailable', code: 'LogNotRead', message },
      LOG_READER_RETRY_AFTER_SECONDS,
    ];
  }
  if (exception instanceof EventStoreUnavailableError) {
    const message = 'The event store cannot be reached at the moment; nothing was written. Retry later.';
    return [
      503,
      { statusCode: 503, error: 'Service Unavailable', code: 'StoreUnavailable', message },
      STORE_RETRY_AFTER_SECONDS,
    ];
  }
  if (exception instanceof WrongExpectedRevisionError) {
    // handleCommand retries a lost race; this is the answer once its retries ran out.
    const message = 'Other requests kept changing the same record at the same time; nothing was written. Retry.';
    const current = { streamId: exception.streamId, revision: String(exception.actualRevision) };
    return [409, { statusCode: 409, error: 'Conflict', code: 'ConcurrentUpdate', message, current }];
  }
  if (exception instanceof AppendTooLargeError) {
    const message = `${exception.message}. Split the request into smaller ones.`;
    return [413, { statusCode: 413, error: 'Content Too Large', code: 'WriteTooLarge', message }];
  }
  if (exception instanceof StreamDeletedError) {
    const message = 'This record was deleted from the event store by an operator; it takes no more changes.';
    return [410, { statusCode: 410, error: 'Gone', code: 'StreamDeleted', message }];
  }
  return null;
}

/**
 * For the problem filter: the event store's errors as HTTP answers. A store that cannot be
 * reached, a write whose outcome is unknown and a log that is not being read answer 503 with
 * Retry-After (the request may succeed later); a lost race whose retries ran out answers 409.
 */
export function answerStoreError(exception: unknown, response: Response): boolean {
  const answer = answerFor(exception);
  if (!answer) return false;
  const [status, body, retryAfter] = answer;
  if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
  response.status(status).json(body);
  return true;
}
