import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';
import { eventTypeStatsProjection } from './read-models/event-type-stats.projection';
import { verifyReadModels } from './verify-read-models';

describe('verifyReadModels', () => {
  const dir = tempDirectory('leadledger-verify-spec');
  const stats = eventTypeStatsProjection('UTC');
  let store: SqliteEventStore;
  let live: ReadModelDatabase;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: dir.file(`events-${Math.random()}.sqlite`) });
    live = new ReadModelDatabase(dir.file(`read-${Math.random()}.sqlite`));
    await store.appendToStream('lead-1', [anEvent('LeadReceived'), anEvent('LeadAssigned')], {
      expectedRevision: 'no_stream',
    });
    const runner = new ProjectionRunner(store, live, [stats]);
    await runner.start();
    await runner.reached(await store.headPosition());
    await runner.stop();
  });
  afterEach(async () => {
    live.close();
    await store.close();
  });
  afterAll(() => dir.remove());

  it('finds no difference when the live read model matches the log', async () => {
    const [result] = await verifyReadModels(store, live, [stats]);
    expect(result).toEqual({ projection: stats.name, position: 2n, difference: null, problem: null });
  });

  it('compares at the live checkpoint, so events the live model has not reached yet are no difference', async () => {
    await store.appendToStream('lead-2', [anEvent('LeadReceived')], { expectedRevision: 'no_stream' });
    const [result] = await verifyReadModels(store, live, [stats]);
    expect(result.difference).toBeNull();
  });

  it('names the first table and row that differ', async () => {
    live.db.prepare("UPDATE event_type_totals SET count = 7 WHERE type = 'LeadReceived'").run();
    const [result] = await verifyReadModels(store, live, [stats]);
    expect(result.difference).toMatchObject({ table: 'event_type_totals', rowIndex: 1 });
    expect(result.difference?.live).toContain('"LeadReceived","7"');
    expect(result.difference?.rebuilt).toContain('"LeadReceived","1"');
  });
});
