import { ServiceUnavailableException } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/**
 * Seconds a client is asked to wait while the read models are rebuilt. A rebuild replays tens of
 * thousands of events a second, so most are done within a few retries, and a retry every few
 * seconds costs the engine nothing.
 */
export const READ_MODEL_RETRY_AFTER_SECONDS = 5;

/** Set on a response the engine answers 503 because its read models are being rebuilt. */
const WHILE_REBUILDING = Symbol('answeredWhileRebuilding');

/**
 * Marks a response as a "not yet" answer given while the read models are rebuilt, with the
 * Retry-After it asks clients to keep: a state the engine announces, not a failure, so the
 * request log writes it as a warning (request-logging.ts).
 */
export function answerWhileRebuilding(response: ServerResponse): void {
  response.setHeader('Retry-After', String(READ_MODEL_RETRY_AFTER_SECONDS));
  (response as ServerResponse & { [WHILE_REBUILDING]?: true })[WHILE_REBUILDING] = true;
}

export function answeredWhileRebuilding(response: ServerResponse): boolean {
  return (response as ServerResponse & { [WHILE_REBUILDING]?: true })[WHILE_REBUILDING] === true;
}

/** 503 with Retry-After: the answer to any request that needs the read models while they are rebuilt. */
export function readModelsUnavailable(response: ServerResponse): ServiceUnavailableException {
  answerWhileRebuilding(response);
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'ReadModelsRebuilding',
    // Built on a first start, after a restore or an upgrade that changed a read model, or after damage.
    message: 'The read models are being built from the log (see /health); retry after the delay given.',
  });
}
