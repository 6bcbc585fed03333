import {
  type BeforeApplicationShutdown,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  ServiceUnavailableException,
} from '@nestjs/common';
import { type Observable, finalize } from 'rxjs';
import type { EngineConfig } from '@leadledger/platform';
import { ENGINE_CONFIG } from '../platform/tokens';

/**
 * Graceful shutdown: once shutdown begins, new requests get 503 while the ones already
 * running finish (up to the configured timeout) before the server and stores close.
 */
@Injectable()
export class InFlightRequests implements NestInterceptor, BeforeApplicationShutdown {
  private running = 0;
  private draining = false;
  private readonly idle: (() => void)[] = [];

  constructor(@Inject(ENGINE_CONFIG) private readonly config: EngineConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.draining) throw new ServiceUnavailableException('The engine is shutting down');
    this.running++;
    return next.handle().pipe(
      finalize(() => {
        this.running--;
        if (this.running === 0) this.idle.splice(0).forEach((resolve) => resolve());
      }),
    );
  }

  get count(): number {
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    if (this.running === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, this.config.shutdownTimeoutMs))),
    ]);
    clearTimeout(timer);
  }
}
