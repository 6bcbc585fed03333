import { LogReaderDownError, type RetryBackoff, turnOfEventLoop } from '@leadledger/event-store';
import { OutageStore, anEvent, manualSleep, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';

const RETRY_MS = 1000;
const BOUND_MS = 5000;
const fixedBackoff: RetryBackoff = { delayMs: () => RETRY_MS };

const noteList: Projection = {
  name: 'note-list',
  version: '1',
  tables: ['notes'],
  setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS notes (position INTEGER PRIMARY KEY)'),
  apply: (event, db) => void db.prepare('INSERT INTO notes VALUES (?)').run(event.position),
};

describe('projections while the store fails', () => {
  const dir = tempDirectory('leadledger-runner-recovery');
  let sqlite: SqliteEventStore;
  let store: OutageStore;
  let readModels: ReadModelDatabase;
  let runner: ProjectionRunner;
  let sleeps: ReturnType<typeof manualSleep>;

  const note = () => store.appendToStream('notes-1', [anEvent('Noted')], { expectedRevision: 'any' });
  const notes = () => readModels.db.prepare('SELECT position FROM notes ORDER BY position').pluck().all();

  beforeEach(() => {
    sqlite = new SqliteEventStore({ file: dir.file(`events-${Date.now()}-${Math.random()}.sqlite`) });
    store = new OutageStore(sqlite);
    readModels = new ReadModelDatabase(dir.file(`read-${Date.now()}-${Math.random()}.sqlite`));
    sleeps = manualSleep();
    runner = new ProjectionRunner(store, readModels, [noteList], {
      backoff: fixedBackoff,
      sleep: sleeps.sleep,
      waitBoundMs: BOUND_MS,
    });
  });
  afterEach(async () => {
    await runner.stop();
    readModels.close();
    await store.close();
  });
  afterAll(() => dir.remove());

  it('a start whose first look at the log fails retries it, tells why meanwhile, and catches up', async () => {
    await note();
    await note();
    store.failNext('headPosition');
    const started = runner.start();
    const retry = await sleeps.next(RETRY_MS);
    expect(String(runner.readerInterruption?.error)).toMatch(/simulated failure of headPosition/);
    retry.wake();
    await started;
    await runner.reached(2n);
    expect(runner.readerInterruption).toBeNull();
    expect(notes()).toEqual([1, 2]);
  });

  it('a catch-up whose read of the log fails subscribes again from its checkpoint', async () => {
    await note();
    store.failNext('readAll');
    await runner.start();
    const reaching = runner.reached(1n);
    (await sleeps.next(RETRY_MS)).wake();
    await reaching;
    await note();
    await runner.reached(2n);
    expect(notes()).toEqual([1, 2]);
  });

  it('a wait for the read models answers with the error once the reader has been down past the bound, and waits again once it reads', async () => {
    await note();
    await runner.start();
    await runner.reached(1n);

    store.down();
    await note();
    const waiting = runner.reached(2n);
    let settled: unknown = 'pending';
    waiting.catch((error: unknown) => (settled = error));
    const retry = await sleeps.next(RETRY_MS);
    await turnOfEventLoop();
    expect(settled).toBe('pending');

    (await sleeps.next(BOUND_MS)).wake();
    await expect(waiting).rejects.toBeInstanceOf(LogReaderDownError);
    // Later waits do not hang either, nor answer from the stale read model.
    await expect(runner.reached(2n)).rejects.toThrow(/not reading the event log: simulated outage/);
    // What the read models already hold is still answered.
    await expect(runner.reached(1n)).resolves.toBeUndefined();

    store.restore();
    retry.wake();
    for (let turn = 0; turn < 100 && runner.readerInterruption; turn++) await turnOfEventLoop();
    expect(runner.readerInterruption).toBeNull();
    await runner.reached(2n);
    expect(notes()).toEqual([1, 2]);
  });
});
