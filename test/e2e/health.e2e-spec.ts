import { anEvent } from '@leadledger/event-store/testing';
import { allProjections, loadConfig } from '@leadledger/platform';
import { eventTypeStatsProjection, type Projection } from '@leadledger/projections';
import { type EngineHarness, startEngine } from './support/engine-harness';

const refusesBrokenEvents: Projection = {
  name: 'refuses-broken-events',
  version: '1',
  tables: [],
  setup: () => undefined,
  apply: (event) => {
    if (event.type === 'Broken') throw new Error('no rule for Broken');
  },
};

describe('GET /health', () => {
  describe('when every projection keeps up', () => {
    let engine: EngineHarness;
    beforeAll(async () => (engine = await startEngine()));
    afterAll(async () => engine.close());

    it('reports the store, and each projection with its position and lag', async () => {
      await engine.store.appendToStream('call-1', [anEvent('CallLogged')], { expectedRevision: 'no_stream' });
      await engine.settle();
      const { body } = await engine.http().get('/health').expect(200);
      expect(body).toEqual({
        status: 'ok',
        reason: null,
        store: { kind: 'sqlite', reachable: true, headPosition: '1', error: null },
        logReader: { state: 'reading', error: null, attempts: 0 },
        projections: allProjections(loadConfig({ LEADLEDGER_TIMEZONE: 'UTC' })).map(({ name, version }) => ({
          name,
          version,
          state: 'live',
          position: '1',
          lag: '0',
          failure: null,
        })),
        workflows: ['lead-intake', 'lead-routing', 'hand-over', 'sale-conversion'].map((name) => ({
          name,
          state: 'running',
          // Reactors move past events of other types too, so a restart never re-reads them.
          position: '1',
          failure: null,
        })),
        readModels: { file: `${engine.dataDir}/read-models.sqlite`, state: 'serving', lastDamage: null },
        webhooks: [],
      });
    });
  });

  describe('when a projection fails on an event', () => {
    let engine: EngineHarness;
    beforeAll(async () => {
      engine = await startEngine({ projections: [eventTypeStatsProjection('UTC'), refusesBrokenEvents] });
    });
    afterAll(async () => engine.close());

    it('reports the failing event and error, while the rest keeps serving', async () => {
      const { events } = await engine.store.appendToStream(
        'call-1',
        [anEvent('CallLogged'), anEvent('Broken'), anEvent('CallTransferred')],
        { expectedRevision: 'no_stream' },
      );
      await engine.settle();
      const { body } = await engine.http().get('/health').expect(200);
      expect(body.status).toBe('degraded');
      expect(body.reason).toBe('refuses-broken-events failed on the event at position 2: no rule for Broken');
      const failed = body.projections.find((p: { name: string }) => p.name === 'refuses-broken-events');
      expect(failed).toMatchObject({
        state: 'failed',
        position: '1',
        lag: '2',
        failure: { eventId: events[1].id, position: '2', error: 'no rule for Broken' },
      });
      const stats = body.projections.find((p: { name: string }) => p.name === 'event-type-stats');
      expect(stats).toMatchObject({ state: 'live', position: '3', failure: null });
      const key = await engine.key('admin');
      await engine.http().get('/stats').set('Authorization', `Bearer ${key}`).expect(200);
    });
  });
});
