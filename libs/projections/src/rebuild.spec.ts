import type { StoredEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import type { Projection, ReadModelConnection } from './projection';
import { READ_MODEL_CACHE_KIB, ReadModelDatabase } from './read-model-database';
import { tableDigest } from './read-model-digest';
import { AMPLE_REBUILD, LEAN_REBUILD, rebuildProjection, rebuildProjections } from './rebuild';

/** Lists the events of its types it was given, by position. */
function lister(name: string, eventTypes?: string[]): Projection {
  const table = `${name.replace(/-/g, '_')}_rows`;
  return {
    name,
    version: '1',
    tables: [table],
    eventTypes,
    setup: (db: ReadModelConnection) =>
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (position INTEGER PRIMARY KEY, type TEXT NOT NULL)`),
    apply: (event: StoredEvent, db: ReadModelConnection) =>
      void db.prepare(`INSERT INTO ${table} VALUES (?, ?)`).run(event.position, event.type),
  };
}

/** A log of 30 events over four lead streams, every third a LeadReceived. */
async function storeOfThirtyLeadEvents(file: string): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file });
  for (let n = 0; n < 30; n++) {
    await store.appendToStream(`lead-${n % 4}`, [anEvent(n % 3 === 0 ? 'LeadReceived' : 'LeadAssigned')], {
      expectedRevision: 'any',
    });
  }
  return store;
}

describe('rebuildProjections', () => {
  const dir = tempDirectory('leadledger-rebuild');
  afterAll(() => dir.remove());

  it('rebuilds several projections in one pass, each up to its own bound, as one-by-one rebuilds would', async () => {
    const store = await storeOfThirtyLeadEvents(dir.file('events.sqlite'));
    const all = lister('all-events');
    const received = lister('received', ['LeadReceived']);
    const together = new ReadModelDatabase(dir.file('together.sqlite'));
    const statuses = await rebuildProjections(store, together, [all, received], new Map([['received', 17n]]));
    expect(statuses.map((s) => [s.name, s.position, s.failure])).toEqual([
      ['all-events', 30n, null],
      ['received', 17n, null],
    ]);

    const apart = new ReadModelDatabase(dir.file('apart.sqlite'));
    await rebuildProjection(store, apart, all);
    await rebuildProjection(store, apart, received, 17n);
    for (const table of [...all.tables, ...received.tables]) {
      expect(tableDigest(together.db, table)).toEqual(tableDigest(apart.db, table));
    }
    expect(tableDigest(together.db, 'received_rows').rows).toBe(6);
    together.close();
    apart.close();
    await store.close();
  });

  it('gives the same tables whatever its batches and page cache', async () => {
    const store = await storeOfThirtyLeadEvents(dir.file('events-budget.sqlite'));
    const projections = [lister('all-events'), lister('received', ['LeadReceived'])];
    const lean = new ReadModelDatabase(dir.file('lean.sqlite'));
    const small = new ReadModelDatabase(dir.file('small-batches.sqlite'));
    await rebuildProjections(store, lean, projections, undefined, LEAN_REBUILD);
    await rebuildProjections(store, small, projections, undefined, { batchEvents: 7, pageCacheKiB: 64 });
    for (const table of projections.flatMap((p) => p.tables)) {
      expect(tableDigest(small.db, table)).toEqual(tableDigest(lean.db, table));
    }
    expect(tableDigest(small.db, 'all_events_rows').rows).toBe(30);
    lean.close();
    small.close();
    await store.close();
  });

  it('syncs every commit again once the rebuild is done, and leaves nothing in the write-ahead log', async () => {
    const store = new SqliteEventStore({ file: dir.file('events-sync.sqlite') });
    await store.appendToStream('lead-1', [anEvent('LeadReceived')], { expectedRevision: 'any' });
    const readModels = new ReadModelDatabase(dir.file('synced.sqlite'));

    await rebuildProjections(store, readModels, [lister('all-events')], undefined, AMPLE_REBUILD);

    // 1 = NORMAL: the rebuild ran with OFF, the engine's own setting is back, and so is its page cache.
    expect(readModels.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(readModels.db.pragma('cache_size', { simple: true })).toBe(-READ_MODEL_CACHE_KIB);
    expect(readModels.db.pragma('wal_checkpoint(PASSIVE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    readModels.close();
    await store.close();
  });

  it('lets timers and requests run between its batches, so a serving engine can rebuild', async () => {
    const store = await storeOfThirtyLeadEvents(dir.file('events-turns.sqlite'));
    const readModels = new ReadModelDatabase(dir.file('turns.sqlite'));
    let applied = 0;
    const counter: Projection = { ...lister('all-events'), apply: () => void applied++ };

    const rebuilt = rebuildProjections(store, readModels, [counter], undefined, { batchEvents: 7, pageCacheKiB: 64 });
    const appliedAtNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(applied)));
    await rebuilt;

    expect(appliedAtNextTurn).toBeLessThan(30);
    expect(applied).toBe(30);
    readModels.close();
    await store.close();
  });

  it('stops between two batches when asked, and leaves each projection unbuilt for the next pass', async () => {
    const store = await storeOfThirtyLeadEvents(dir.file('events-stopped.sqlite'));
    const readModels = new ReadModelDatabase(dir.file('stopped.sqlite'));
    const stop = new AbortController();
    let applied = 0;
    const all = lister('all-events');
    // The engine is asked to stop while the first batch is applied.
    const stopping: Projection = {
      ...all,
      apply: (event, db) => {
        if (++applied === 1) stop.abort();
        all.apply(event, db);
      },
    };
    const budget = { batchEvents: 7, pageCacheKiB: 64 };

    const statuses = await rebuildProjections(store, readModels, [stopping], undefined, budget, stop.signal);
    expect(applied).toBe(7);
    expect(statuses.map((s) => [s.name, s.position])).toEqual([['all-events', 0n]]);
    expect(readModels.checkpoint('all-events')?.position).toBe(0n);

    await rebuildProjections(store, readModels, [all], undefined, budget);
    expect(readModels.checkpoint('all-events')?.position).toBe(30n);
    expect(tableDigest(readModels.db, 'all_events_rows').rows).toBe(30);
    readModels.close();
    await store.close();
  });

  it('keeps each stored checkpoint at 0 until the pass is done, so a pass cut short is built again', async () => {
    const store = await storeOfThirtyLeadEvents(dir.file('events-cut-short.sqlite'));
    const readModels = new ReadModelDatabase(dir.file('cut-short.sqlite'));
    const all = lister('all-events');
    let applied = 0;
    // As a process killed in the second batch: the first batch's rows are committed, nothing after.
    const killed: Projection = {
      ...all,
      apply: (event, db) => {
        if (++applied === 8)
          throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
        all.apply(event, db);
      },
    };
    const budget = { batchEvents: 7, pageCacheKiB: 64 };
    await expect(rebuildProjections(store, readModels, [killed], undefined, budget)).rejects.toThrow('malformed');
    expect(tableDigest(readModels.db, 'all_events_rows').rows).toBe(7);
    expect(readModels.checkpoint('all-events')?.position).toBe(0n);

    const [done] = await rebuildProjections(store, readModels, [all], undefined, budget);
    expect(done.position).toBe(30n);
    expect(readModels.checkpoint('all-events')?.position).toBe(30n);
    readModels.close();
    await store.close();
  });
});
