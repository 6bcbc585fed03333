import type { EngineConfig } from '@leadledger/platform';
import { type CallHandler, type ExecutionContext, ServiceUnavailableException } from '@nestjs/common';
import { Subject, lastValueFrom } from 'rxjs';
import { InFlightRequests } from './in-flight-requests';

const context = {} as ExecutionContext;
const config = { shutdownTimeoutMs: 60_000 } as EngineConfig;

describe('graceful shutdown of requests in flight', () => {
  it('waits for the request that is running, then lets shutdown go on', async () => {
    const requests = new InFlightRequests(config);
    const response = new Subject<string>();
    const answered = lastValueFrom(requests.intercept(context, { handle: () => response } as CallHandler));
    let drained = false;
    const shutdown = requests.beforeApplicationShutdown().then(() => (drained = true));

    // Let every pending promise run: a shutdown that did not wait would have finished by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    expect(requests.count).toBe(1);

    response.next('done');
    response.complete();
    await shutdown;
    expect(await answered).toBe('done');
    expect(drained).toBe(true);
  });

  it('answers 503 to a request that arrives once shutdown has begun', async () => {
    const requests = new InFlightRequests(config);
    await requests.beforeApplicationShutdown();
    expect(() => requests.intercept(context, { handle: () => new Subject() } as CallHandler)).toThrow(
      ServiceUnavailableException,
    );
  });
});
