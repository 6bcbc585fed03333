import { EventStoreUnavailableError } from '@leadledger/event-store';
import { anEvent } from '@leadledger/event-store/testing';
import { setTimeout as pause } from 'node:timers/promises';
import { type EngineHarness, startEngine } from './support/engine-harness';

interface HealthBody {
  status: string;
  reason: string | null;
  logReader: { state: string; error: string | null; attempts: number };
  projections: Array<{ name: string; position: string }>;
}

describe('GET /health while the log cannot be read', () => {
  let engine: EngineHarness;
  beforeAll(async () => (engine = await startEngine()));
  afterAll(async () => engine.close());

  /** Asks /health until `done` holds (the reader retries on its own schedule), at most 10 s. */
  async function healthUntil(done: (body: HealthBody) => boolean): Promise<HealthBody> {
    let body: HealthBody | undefined;
    for (let attempt = 0; attempt < 500; attempt++) {
      body = (await engine.http().get('/health').expect(200)).body as HealthBody;
      if (done(body)) return body;
      await pause(20);
    }
    throw new Error(`/health never got there: ${JSON.stringify(body)}`);
  }

  it('is degraded with the reason while the reader is down, and ok once it reads again, with nothing missed', async () => {
    await engine.store.appendToStream('call-1', [anEvent('CallLogged')], { expectedRevision: 'no_stream' });
    await engine.settle();
    // The store's log reads fail (the store itself still answers a ping), as on a dropped subscription.
    const store = engine.store as { readAll: unknown };
    store.readAll = () => Promise.reject(new EventStoreUnavailableError('simulated: reading $all failed'));
    await engine.store.appendToStream('call-1', [anEvent('CallTransferred')], { expectedRevision: 0n });

    const down = await healthUntil((body) => body.status !== 'ok');
    expect(down).toMatchObject({
      status: 'degraded',
      reason: expect.stringMatching(
        /^the engine is not reading the event log \(attempt \d+ failed, retrying\): simulated/,
      ),
      logReader: { state: 'retrying', error: 'simulated: reading $all failed' },
    });

    delete store.readAll;
    const recovered = await healthUntil((body) => body.status === 'ok');
    expect(recovered).toMatchObject({ reason: null, logReader: { state: 'reading', error: null, attempts: 0 } });
    await engine.settle();
    const stats = (await engine.http().get('/health')).body as HealthBody;
    expect(stats.projections.every((p) => p.position === '2')).toBe(true);
  });
});
