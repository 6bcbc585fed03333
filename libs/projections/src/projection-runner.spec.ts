import { type NewEvent, type StoredEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import type Database from 'better-sqlite3';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';

/** Counts events per stream; throws on any event whose data says { poison: 1 }. */
function streamCounter(version = '1'): Projection {
  return {
    name: 'stream-counter',
    version,
    tables: ['stream_counts'],
    setup: (db: Database.Database) =>
      db.exec('CREATE TABLE IF NOT EXISTS stream_counts (stream_id TEXT PRIMARY KEY, count INTEGER NOT NULL)'),
    apply: (event: StoredEvent, db: Database.Database) => {
      db.prepare(`INSERT INTO stream_counts VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET count = count + 1`).run(
        event.streamId,
      );
      if (event.data.poison === 1) throw new Error(`cannot count ${event.type}`);
    },
  };
}

/** The stream counter under another name and table: a read model a release adds. */
function streamCounterAs(name: string): Projection {
  const table = `${name}_counts`;
  return {
    ...streamCounter(),
    name,
    tables: [table],
    setup: (db) => db.exec(`CREATE TABLE IF NOT EXISTS ${table} (stream_id TEXT PRIMARY KEY, count INTEGER NOT NULL)`),
    apply: (event, db) =>
      void db
        .prepare(`INSERT INTO ${table} VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET count = count + 1`)
        .run(event.streamId),
  };
}

function typeLister(version = '1'): Projection {
  return {
    name: 'type-lister',
    version,
    tables: ['seen_types'],
    setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS seen_types (position INTEGER PRIMARY KEY, type TEXT)'),
    apply: (event, db) => void db.prepare('INSERT INTO seen_types VALUES (?, ?)').run(event.position, event.type),
  };
}

describe('ProjectionRunner', () => {
  const dir = tempDirectory('leadledger-runner');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  const runners: ProjectionRunner[] = [];

  const start = async (projections: Projection[]) => {
    const runner = new ProjectionRunner(store, readModels, projections);
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const append = async (streamId: string, ...newEvents: NewEvent[]) =>
    store.appendToStream(streamId, newEvents, { expectedRevision: 'any' });
  const counts = () => readModels.db.prepare('SELECT stream_id, count FROM stream_counts ORDER BY stream_id').all();

  beforeEach(() => {
    store = new SqliteEventStore({ file: dir.file(`events-${Date.now()}-${Math.random()}.sqlite`), pollIntervalMs: 5 });
    readModels = new ReadModelDatabase(dir.file(`read-${Date.now()}-${Math.random()}.sqlite`));
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    readModels.close();
    await store.close();
  });
  afterAll(() => dir.remove());

  it('catches up on existing events, then follows live appends', async () => {
    await append('lead-1', anEvent('LeadReceived'), anEvent('LeadAssigned'));
    const runner = await start([streamCounter()]);
    const { events } = await append('lead-2', anEvent('LeadReceived'));
    await runner.reached(events[0].position);
    expect(counts()).toEqual([
      { stream_id: 'lead-1', count: 2 },
      { stream_id: 'lead-2', count: 1 },
    ]);
    expect(runner.status()[0]).toMatchObject({ state: 'live', position: events[0].position, failure: null });
  });

  it('gives a projection only the event types it reads, and still moves its checkpoint past the others', async () => {
    await append('lead-1', anEvent('LeadReceived'), anEvent('LeadAssigned'), anEvent('LeadReceived'));
    const runner = await start([{ ...typeLister(), eventTypes: ['LeadAssigned'] }]);
    const head = await store.headPosition();
    await runner.reached(head);
    expect(readModels.db.prepare('SELECT type FROM seen_types').all()).toEqual([{ type: 'LeadAssigned' }]);
    expect(readModels.checkpoint('type-lister')?.position).toBe(head);
  });

  it('resumes from its checkpoint after a restart without counting an event twice', async () => {
    await append('lead-1', anEvent('LeadReceived'));
    const first = await start([streamCounter()]);
    await first.reached(await store.headPosition());
    await first.stop();
    const { events } = await append('lead-1', anEvent('LeadAccepted'));
    const second = await start([streamCounter()]);
    await second.reached(events[0].position);
    expect(counts()).toEqual([{ stream_id: 'lead-1', count: 2 }]);
  });

  it('rebuilds from zero when its version changes', async () => {
    await append('lead-1', anEvent('LeadReceived'));
    const first = await start([streamCounter('1')]);
    await first.reached(await store.headPosition());
    await first.stop();
    readModels.db.prepare("UPDATE stream_counts SET count = 99 WHERE stream_id = 'lead-1'").run();
    const second = await start([streamCounter('2')]);
    await second.reached(await store.headPosition());
    expect(counts()).toEqual([{ stream_id: 'lead-1', count: 1 }]);
    expect(readModels.checkpoint('stream-counter')?.version).toBe('2');
  });

  it('builds in one pass only the read models of another version or none stored, and leaves the rest', async () => {
    await append('lead-1', anEvent('LeadReceived'), anEvent('LeadAccepted'));
    await append('lead-2', anEvent('LeadReceived'));
    const first = await start([streamCounter(), typeLister('1')]);
    await first.reached(await store.headPosition());
    await first.stop();
    // A count the log does not hold: only a rebuild of the stream counter would put it right.
    readModels.db.prepare("UPDATE stream_counts SET count = 99 WHERE stream_id = 'lead-1'").run();

    const next = new ProjectionRunner(store, readModels, [streamCounter(), typeLister('2'), streamCounterAs('new')]);
    runners.push(next);
    expect((await next.unbuiltProjections()).map((p) => p.name)).toEqual(['type-lister', 'new']);
    // Someone waits for the head before the build: the build's checkpoints let them go.
    let waiterReleased = false;
    const waiter = next.reached(await store.headPosition()).then(() => (waiterReleased = true));
    await next.buildUnbuilt();
    await new Promise((resolve) => setImmediate(resolve));

    expect(waiterReleased).toBe(true);
    await waiter;
    expect(await next.unbuiltProjections()).toEqual([]);
    expect(counts()).toEqual([
      { stream_id: 'lead-1', count: 99 },
      { stream_id: 'lead-2', count: 1 },
    ]);
    expect(readModels.db.prepare('SELECT count(*) AS n FROM seen_types').get()).toEqual({ n: 3 });
    expect(next.status().map((s) => [s.name, s.position])).toEqual([
      ['stream-counter', 3n],
      ['type-lister', 3n],
      ['new', 3n],
    ]);
  });

  it('stops at a failing event, keeps what came before, reports the event, and lets the others run', async () => {
    await append('lead-1', anEvent('LeadReceived'), anEvent('LeadBroken', { poison: 1 }), anEvent('LeadAccepted'));
    const poisoned = (await store.readStream('lead-1'))[1];
    const runner = await start([streamCounter(), typeLister()]);
    await runner.reached(await store.headPosition());
    const [counter, lister] = runner.status();
    expect(counter.state).toBe('failed');
    expect(counter.position).toBe(poisoned.position - 1n);
    expect(counter.failure).toEqual({
      eventId: poisoned.id,
      position: poisoned.position,
      error: 'cannot count LeadBroken',
    });
    // The failing event's own writes were rolled back with its checkpoint.
    expect(counts()).toEqual([{ stream_id: 'lead-1', count: 1 }]);
    expect(readModels.checkpoint('stream-counter')?.failure?.eventId).toBe(poisoned.id);
    const { events } = await append('lead-2', anEvent('LeadReceived'));
    await runner.reached(events[0].position);
    expect(lister.state).toBe('live');
    expect(runner.status()[1].position).toBe(events[0].position);
  });

  it('fails a live event the same way', async () => {
    const runner = await start([streamCounter()]);
    const { events } = await append('lead-1', anEvent('LeadReceived'), anEvent('LeadBroken', { poison: 1 }));
    await runner.reached(events[1].position);
    expect(runner.status()[0]).toMatchObject({ state: 'failed', position: events[0].position });
    expect(runner.status()[0].failure?.eventId).toBe(events[1].id);
  });
});
