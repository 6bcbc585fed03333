import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { ReadModelRecovery } from './read-model-recovery';
import { readModelsUnavailable } from './read-models-unavailable';

const SERVED_WHILE_REBUILDING = 'leadledger:servedWhileRebuilding';

/** For a route that reads no read model (/metrics): answered during a rebuild, when it matters most. */
export const ServedWhileRebuilding = () => SetMetadata(SERVED_WHILE_REBUILDING, true);

/**
 * While the read models are rebuilt, every route but the public ones (/health) answers 503 with
 * Retry-After: reads would answer from a half-built model (a lead "not found" that exists), and
 * writes consult the read models and wait for them to catch up. It runs after the auth guard,
 * so a bad key is still 401.
 */
@Injectable()
export class ReadModelGate implements NestInterceptor {
  constructor(
    private readonly recovery: ReadModelRecovery,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.recovery.state === 'serving') return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(SERVED_WHILE_REBUILDING, targets)) return next.handle();
    throw readModelsUnavailable(context.switchToHttp().getResponse<Response>());
  }
}
