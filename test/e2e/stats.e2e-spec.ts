import { anEvent } from '@leadledger/event-store/testing';
import { type EngineHarness, startEngine } from './support/engine-harness';

describe('GET /stats', () => {
  let engine: EngineHarness;
  let auth: string;
  beforeAll(async () => {
    engine = await startEngine();
    auth = `Bearer ${await engine.key('manager')}`;
    const occurred = (type: string, occurredAt: string) => {
      const event = anEvent(type);
      return { ...event, metadata: { ...event.metadata, occurredAt } };
    };
    await engine.store.appendToStream(
      'call-1',
      [occurred('CallLogged', '2026-11-02T08:00:00.000Z'), occurred('CallTransferred', '2026-11-02T08:01:00.000Z')],
      { expectedRevision: 'no_stream' },
    );
    await engine.store.appendToStream('call-2', [occurred('CallLogged', '2026-11-03T09:00:00.000Z')], {
      expectedRevision: 'no_stream',
    });
    await engine.settle();
  });
  afterAll(async () => engine.close());

  it('counts events per type and per business day, as of a stated position', async () => {
    const response = await engine.http().get('/stats').set('Authorization', auth).expect(200);
    const head = (await engine.store.headPosition()).toString();
    expect(response.body.position).toBe(head);
    expect(response.body.timeZone).toBe('UTC');
    const counts = Object.fromEntries(
      response.body.byType.map((t: { type: string; count: number }) => [t.type, t.count]),
    );
    // The key made for this test is an event too.
    expect(counts).toEqual({ ApiKeyCreated: 1, CallTransferred: 1, CallLogged: 2 });
    expect(response.body.byDay).toEqual(
      expect.arrayContaining([
        { day: '2026-11-02', type: 'CallLogged', count: 1 },
        { day: '2026-11-02', type: 'CallTransferred', count: 1 },
        { day: '2026-11-03', type: 'CallLogged', count: 1 },
      ]),
    );
  });

  it('limits the daily counts to a range of days', async () => {
    const response = await engine
      .http()
      .get('/stats?from=2026-11-03&to=2026-11-03')
      .set('Authorization', auth)
      .expect(200);
    expect(response.body.byDay).toEqual([{ day: '2026-11-03', type: 'CallLogged', count: 1 }]);
  });

  it('answers 400 naming the field when a day is malformed', async () => {
    const response = await engine.http().get('/stats?from=2026-13-01').set('Authorization', auth).expect(400);
    expect(response.body.problems).toEqual([{ field: 'from', problem: 'from must be a day written as YYYY-MM-DD' }]);
  });

  it('answers 400 naming an unknown field', async () => {
    const response = await engine.http().get('/stats?actorId=someone-else').set('Authorization', auth).expect(400);
    expect(response.body.problems).toEqual([{ field: 'actorId', problem: 'property actorId should not exist' }]);
  });
});
