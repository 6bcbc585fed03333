import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
import { ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadModelRecovery } from '../platform/read-model-recovery';
import { readModelsUnavailable } from '../platform/read-models-unavailable';

/**
 * For the problem filter: a request that met a damaged SQLite file gets 503, never a 500. When
 * the damage is in the read models, that starts their rebuild and the 503 says when to retry;
 * damage elsewhere (the log) is the operator's to repair, as the engine's log line says.
 */
export function answerDamagedStorage(exception: unknown, response: Response, recovery: ReadModelRecovery): boolean {
  if (!isSqliteCorruption(exception)) return false;
  recovery.reportDamage(exception);
  const unavailable =
    recovery.state === 'rebuilding'
      ? readModelsUnavailable(response)
      : new ServiceUnavailableException({
          statusCode: 503,
          error: 'Service Unavailable',
          code: 'StorageDamaged',
          message: 'A database file of the engine is damaged; the engine log names it.',
        });
  response.status(unavailable.getStatus()).json(unavailable.getResponse());
  return true;
}
