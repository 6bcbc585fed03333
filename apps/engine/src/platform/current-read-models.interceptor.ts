import { EventStore, timerSleep } from '@leadledger/event-store';
import { ProjectionRunner } from '@leadledger/projections';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type Observable, from, switchMap } from 'rxjs';
import { IS_PUBLIC } from '../auth/auth.decorators';

/** Longest a read waits for the read models; past it (a first start catching up), it answers from what they hold. */
const CURRENT_READ_WAIT_MS = 1_000;

/**
 * A read sees every write answered before it: a GET waits for the read models to reach the
 * head of the log, which under load is a few milliseconds (live reads gather appends for up to
 * 10 ms, and a waiting read cuts that short). While the log is not being read it answers at once
 * from what the read models hold, as it always did; public routes (/health) never wait.
 */
@Injectable()
export class CurrentReadModels implements NestInterceptor {
  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    if (context.switchToHttp().getRequest<Request>().method !== 'GET') return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return next.handle();
    }
    return from(this.caughtUp()).pipe(switchMap(() => next.handle()));
  }

  private async caughtUp(): Promise<void> {
    if (this.projections.readerInterruption) return;
    const bound = new AbortController();
    try {
      const head = await this.store.headPosition();
      await Promise.race([this.projections.reached(head), timerSleep(CURRENT_READ_WAIT_MS, bound.signal)]);
    } catch {
      // The store or the reader failed while waiting: the route answers from what the read models hold.
    } finally {
      bound.abort();
    }
  }
}
