import { EventStoreUnavailableError, type NewEvent, WrongExpectedRevisionError } from '@leadledger/event-store';
import { anEvent, events, tempDirectory } from '@leadledger/event-store/testing';
import type Database from 'better-sqlite3';
import { MAX_GROUP_COMMIT_SIZE } from './group-commit';
import { openSqlite } from './sqlite-connection';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

const rejection = (settled: PromiseSettledResult<unknown>): unknown =>
  settled.status === 'rejected' ? settled.reason : undefined;

describe('SQLite event store: concurrent appends share one commit', () => {
  const dir = tempDirectory('leadledger-group-commit');
  afterAll(() => dir.remove());

  let file: string;
  let store: SqliteEventStore;
  let observer: Database.Database;
  /** For each event id the store asked for, how many events another connection could see then. */
  let visibleAtWrite: number[];
  const visible = (): number => observer.prepare('SELECT count(*) FROM events').pluck().get() as number;

  // The store asks for an event's id inside the write transaction, so this id source sees
  // what is committed while the batch is being written: one transaction means the batch's
  // earlier events are not yet visible to another connection.
  const open = (options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore => {
    let next = 0;
    return new SqliteEventStore({
      file,
      ids: {
        next: () => {
          visibleAtWrite.push(visible());
          return `id-${++next}`;
        },
      },
      ...options,
    });
  };

  let files = 0;
  beforeEach(() => {
    file = dir.file(`events-${++files}.sqlite`);
    visibleAtWrite = [];
    store = open();
    observer = openSqlite(file);
  });
  afterEach(async () => {
    await store.close();
    observer.close();
  });

  it('commits awaited appends one by one, as the observer can tell', async () => {
    await store.appendToStream('a', events(1), { expectedRevision: 'no_stream' });
    await store.appendToStream('b', events(1), { expectedRevision: 'no_stream' });
    expect(visibleAtWrite).toEqual([0, 1]);
  });

  it('commits appends to different streams made together in one transaction, in call order', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.appendToStream(`s${i}`, events(1), { expectedRevision: 'no_stream' })),
    );
    expect(visibleAtWrite).toEqual(Array(20).fill(0));
    expect(visible()).toBe(20);
    expect(results.map((r) => r.events[0].position)).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i + 1)));
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array(20).fill(0n));
  });

  it('fails only the caller whose expected revision is wrong', async () => {
    await store.appendToStream('b', events(1), { expectedRevision: 'no_stream' });
    visibleAtWrite = [];
    const [a, b, c] = await Promise.allSettled([
      store.appendToStream('a', events(2), { expectedRevision: 'no_stream' }),
      store.appendToStream('b', events(3), { expectedRevision: 'no_stream' }),
      store.appendToStream('c', events(1), { expectedRevision: 'no_stream' }),
    ]);
    expect(visibleAtWrite).toEqual([1, 1, 1]);
    expect(a.status).toBe('fulfilled');
    expect(c.status).toBe('fulfilled');
    const error = rejection(b);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((error as WrongExpectedRevisionError).actualRevision).toBe(0n);
    expect(await store.readStream('b')).toHaveLength(1);
    const all = await store.readAll();
    expect(all.map((e) => `${e.streamId}#${e.revision}@${e.position}`)).toEqual(['b#0@1', 'a#0@2', 'a#1@3', 'c#0@4']);
  });

  it('fails only a caller appending to several streams whose last stream is stale, writing none of its streams', async () => {
    await store.appendToStream('b', events(1), { expectedRevision: 'no_stream' });
    visibleAtWrite = [];
    const [before, several, after] = await Promise.allSettled([
      store.appendToStream('a', events(1), { expectedRevision: 'no_stream' }),
      store.appendToStreams([
        { streamId: 'c', events: events(2), expectedRevision: 'no_stream' },
        { streamId: 'b', events: events(1), expectedRevision: 'no_stream' },
      ]),
      store.appendToStreams([
        { streamId: 'd', events: events(1), expectedRevision: 'no_stream' },
        { streamId: 'b', events: events(1), expectedRevision: 0n },
      ]),
    ]);
    // One transaction: every event written in it saw only the one committed before.
    expect(visibleAtWrite.every((count) => count === 1)).toBe(true);
    expect(before.status).toBe('fulfilled');
    expect((rejection(several) as WrongExpectedRevisionError).streamId).toBe('b');
    expect(after).toMatchObject({
      status: 'fulfilled',
      value: [{ nextExpectedRevision: 0n }, { nextExpectedRevision: 1n }],
    });
    const all = await store.readAll();
    expect(all.map((e) => `${e.streamId}#${e.revision}@${e.position}`)).toEqual(['b#0@1', 'a#0@2', 'd#0@3', 'b#1@4']);
    expect(await store.readStream('c')).toEqual([]);
  });

  it('rolls back a caller that fails after writing part of its events, and keeps the others', async () => {
    const withId = (id: string): NewEvent => ({ ...anEvent('Noted'), id });
    const [first, clashing, last] = await Promise.allSettled([
      store.appendToStream('a', [withId('taken')], { expectedRevision: 'no_stream' }),
      store.appendToStream('b', [withId('fresh'), withId('taken')], { expectedRevision: 'no_stream' }),
      store.appendToStream('c', [withId('other')], { expectedRevision: 'no_stream' }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(rejection(clashing)).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(last.status).toBe('fulfilled');
    const all = await store.readAll();
    expect(all.map((e) => `${e.id}@${e.position}`)).toEqual(['taken@1', 'other@2']);
  });

  it('applies two appends to one stream in call order, each checked against the one before', async () => {
    const [first, second, stale] = await Promise.allSettled([
      store.appendToStream('s', events(1), { expectedRevision: 'no_stream' }),
      store.appendToStream('s', events(2), { expectedRevision: 0n }),
      store.appendToStream('s', events(1), { expectedRevision: 0n }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0n } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 2n } });
    expect((rejection(stale) as WrongExpectedRevisionError).actualRevision).toBe(2n);
    expect(visibleAtWrite).toEqual([0, 0, 0]);
    const stored = await store.readStream('s');
    expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect(stored.map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('rejects an append with no events alone', async () => {
    const [empty, other] = await Promise.allSettled([
      store.appendToStream('a', [], { expectedRevision: 'no_stream' }),
      store.appendToStream('b', events(1), { expectedRevision: 'no_stream' }),
    ]);
    expect(rejection(empty)).toBeInstanceOf(RangeError);
    expect(other.status).toBe('fulfilled');
    expect(await store.readStream('a')).toEqual([]);
    expect(await store.readStream('b')).toHaveLength(1);
  });

  it('rejects every caller with the error and writes nothing when the transaction cannot start', async () => {
    await store.close();
    store = open({ busyTimeoutMs: 0 });
    const blocker = openSqlite(file);
    blocker.exec('BEGIN IMMEDIATE');
    const settled = await Promise.allSettled(
      ['a', 'b', 'c'].map((s) => store.appendToStream(s, events(1), { expectedRevision: 'no_stream' })),
    );
    blocker.exec('ROLLBACK');
    blocker.close();
    const errors = settled.map(rejection);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY', 'SQLITE_BUSY']);
    expect(new Set(errors).size).toBe(1);
    expect(visible()).toBe(0);
    await store.appendToStream('a', events(1), { expectedRevision: 'no_stream' });
    expect(visible()).toBe(1);
  });

  it(`commits at most ${MAX_GROUP_COMMIT_SIZE} appends per transaction`, async () => {
    await Promise.all(
      Array.from({ length: MAX_GROUP_COMMIT_SIZE + 1 }, (_, i) =>
        store.appendToStream(`s${i}`, events(1), { expectedRevision: 'no_stream' }),
      ),
    );
    expect(visibleAtWrite).toEqual([...Array(MAX_GROUP_COMMIT_SIZE).fill(0), MAX_GROUP_COMMIT_SIZE]);
  });

  it('commits queued appends on close and refuses appends after it', async () => {
    const pending = store.appendToStream('a', events(2), { expectedRevision: 'no_stream' });
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 1n });
    expect(visible()).toBe(2);
    await expect(store.appendToStream('b', events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
  });
});
