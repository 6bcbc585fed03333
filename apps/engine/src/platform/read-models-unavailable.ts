import { ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Seconds a client is asked to wait while the read models are rebuilt. A rebuild replays tens of
 * thousands of events a second, so most are done within a few retries, and a retry every few
 * seconds costs the engine nothing.
 */
export const READ_MODEL_RETRY_AFTER_SECONDS = 5;

/** 503 with Retry-After: the answer to any request that needs the read models while they are rebuilt. */
export function readModelsUnavailable(response: Response): ServiceUnavailableException {
  response.setHeader('Retry-After', String(READ_MODEL_RETRY_AFTER_SECONDS));
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'ReadModelsRebuilding',
    message: 'The read models are being rebuilt from the log after damage to their file; retry after the delay given.',
  });
}
