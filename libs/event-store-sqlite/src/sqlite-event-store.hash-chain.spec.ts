import { WrongExpectedRevisionError, eventHash, verifyHashChain } from '@leadledger/event-store';
import { anEvent, events, tempDirectory } from '@leadledger/event-store/testing';
import { ManualClock } from '@leadledger/kernel';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite event store: the hash chain', () => {
  let dir: ReturnType<typeof tempDirectory>;
  let file: string;
  beforeEach(() => {
    dir = tempDirectory('leadledger-chain');
    file = dir.file('events.sqlite');
  });
  afterEach(() => dir.remove());

  it('hashes the first event as the documented worked example does', async () => {
    const store = new SqliteEventStore({ file, clock: new ManualClock('2026-11-02T09:30:00.125Z') });
    const first = {
      ...anEvent('LeadReceived', { receivedBy: 'rep-li', channel: 'walk-in', phone: '+8613800138000' }),
      id: '0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a70',
      metadata: { ...anEvent('LeadReceived').metadata, actorId: 'rep-li' },
    };
    const { events: stored } = await store.appendToStream('lead-7c2e', [first], { expectedRevision: 'no_stream' });
    await store.close();
    // The same value as event-hash.spec.ts and docs/operations.md "Tamper evidence".
    expect(stored[0].hash).toBe('294055d6ad33c718fb056680047b390c6e11f6886462465f30a59b5795925105');
  });

  it('chains in position order across group commits, with refused appends in the same transaction', async () => {
    const store = new SqliteEventStore({ file });
    // All submitted in one turn: the group commit writes them in one transaction, each in its
    // savepoint; every other one is refused and rolled back to its savepoint.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        store.appendToStream(`s-${i % 30}`, events(2), { expectedRevision: 'no_stream' }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 30 }, () => expect.any(WrongExpectedRevisionError)),
    );
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.appendToStream(`s-${i}`, events(1), { expectedRevision: 1n })),
    );
    const all = await store.readAll({ maxCount: 1000 });
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    let previous: string | null = null;
    for (const e of all) {
      expect(e.hash).toBe(eventHash(e, previous));
      previous = e.hash!;
    }
    expect(await verifyHashChain(store, 7)).toMatchObject({ events: 90, unhashed: 0, chainStartsAt: 1n, broken: null });
    await store.close();
  });

  it('hashes an event as its stored text reads back, Dates and undefined members included', async () => {
    const store = new SqliteEventStore({ file });
    // Not JSON as given: JSON.stringify's conversions decide both the stored text and the hash.
    const data = { z: 1, a: { when: new Date('2026-11-02T09:30:00.000Z'), gone: undefined }, list: [undefined, 'x'] };
    await store.appendToStream('s', [anEvent('Odd', data as never)], { expectedRevision: 'no_stream' });
    const [stored] = await store.readAll();
    expect(stored.data).toEqual({ z: 1, a: { when: '2026-11-02T09:30:00.000Z' }, list: [null, 'x'] });
    expect(stored.hash).toBe(eventHash(stored, null));
    expect(await verifyHashChain(store)).toMatchObject({ events: 1, broken: null });
    await store.close();
  });

  it('carries on after a restart from the last event on disk', async () => {
    const before = new SqliteEventStore({ file });
    const { events: last } = await before.appendToStream('a', events(3), { expectedRevision: 'no_stream' });
    await before.close();
    const after = new SqliteEventStore({ file });
    const { events: next } = await after.appendToStream('b', events(1), { expectedRevision: 'no_stream' });
    expect(next[0].hash).toBe(eventHash(next[0], last[2].hash!));
    expect((await verifyHashChain(after)).head).toEqual({ position: 4n, hash: next[0].hash });
    await after.close();
  });

  describe('on a file written before the chain existed', () => {
    beforeEach(() => {
      // The schema and the rows as the adapter wrote them before the hash column.
      const db = new Database(file);
      db.exec(`CREATE TABLE events (
        position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
        UNIQUE (stream_id, revision))`);
      const insert = db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (let n = 0; n < 3; n++) {
        const { type, data, metadata } = anEvent('Noted', { n });
        insert.run(
          `old-${n}`,
          'old',
          n,
          type,
          JSON.stringify(data),
          JSON.stringify({ ...metadata, recordedAt: '2026-01-01T00:00:00.000Z' }),
        );
      }
      db.close();
    });

    it('adds the column, reads the old events without a hash, and starts the chain at the next append', async () => {
      const store = new SqliteEventStore({ file });
      const old = await store.readStream('old');
      expect(old.map((e) => e.hash)).toEqual([undefined, undefined, undefined]);
      const { events: appended } = await store.appendToStream('old', events(2), { expectedRevision: 2n });
      expect(appended[0].hash).toBe(eventHash(appended[0], null));
      expect(await verifyHashChain(store)).toEqual({
        events: 5,
        unhashed: 3,
        chainStartsAt: 4n,
        head: { position: 5n, hash: appended[1].hash },
        broken: null,
      });
      await store.close();
    });

    it('is opened by two stores at once without either failing the migration', async () => {
      const stores = [new SqliteEventStore({ file }), new SqliteEventStore({ file })];
      await stores[0].appendToStream('new', events(1), { expectedRevision: 'no_stream' });
      await stores[1].appendToStream('new', events(1), { expectedRevision: 0n });
      expect((await verifyHashChain(stores[1])).broken).toBeNull();
      await Promise.all(stores.map((s) => s.close()));
    });
  });

  it('names an event whose data was edited with raw SQL', async () => {
    const store = new SqliteEventStore({ file });
    await store.appendToStream('a', events(5), { expectedRevision: 'no_stream' });
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = '{"n":40}' WHERE position = 3`).run();
    db.close();
    expect((await verifyHashChain(store)).broken).toEqual({
      position: 3n,
      problem: 'its hash does not match its content and the hash of the event before it (position 2)',
    });
    await store.close();
  });
});
