import { NotFoundError } from '@leadledger/kernel';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { RefusalException } from './refusal.exception';
import { answerDamagedStorage } from './read-model-damage-answer';
import { answerStoreError } from './store-error-answer';
import { ReadModelRecovery } from '../platform/read-model-recovery';

/**
 * One place that turns outcomes into HTTP answers: a refused rule -> 409 with the facts
 * of the current state; an unknown id -> 404; bad input -> 400 (shaped by the validation
 * pipe); the event store's errors -> 503 with Retry-After, or 409 for a race lost for good
 * (store-error-answer.ts); anything else is a bug -> 500 without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly recovery: ReadModelRecovery) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (answerDamagedStorage(exception, response, this.recovery)) return;
    if (answerStoreError(exception, response)) return;
    const [status, body] = this.answer(exception);
    response.status(status).json(body);
  }

  private answer(exception: unknown): [number, object] {
    if (exception instanceof RefusalException) {
      const { code, message, facts } = exception.refusal;
      return [HttpStatus.CONFLICT, { statusCode: 409, error: 'Conflict', code, message, current: facts }];
    }
    if (exception instanceof NotFoundError) {
      return [HttpStatus.NOT_FOUND, { statusCode: 404, error: 'Not Found', message: exception.message }];
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      return [
        exception.getStatus(),
        typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body,
      ];
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { statusCode: 500, error: 'Internal Server Error' }];
  }
}
