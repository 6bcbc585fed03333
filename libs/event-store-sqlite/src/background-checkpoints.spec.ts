import { events, tempDirectory } from '@leadledger/event-store/testing';
import { existsSync, renameSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackgroundCheckpoints, OWNER_CHECKPOINT_PAGES } from './background-checkpoints';
import { openSqlite } from './sqlite-connection';
import { SqliteEventStore } from './sqlite-event-store';

describe('background checkpoints', () => {
  const dir = tempDirectory('leadledger-background-checkpoints');
  afterAll(() => dir.remove());

  const STREAMS = 40;
  const EVENTS_EACH = 3;

  /** Commits far fewer pages than SQLite's own checkpoint on commit (1,000) waits for. */
  async function appendSome(store: SqliteEventStore): Promise<void> {
    for (let n = 0; n < STREAMS; n++) {
      await store.appendToStream(`s-${n}`, events(EVENTS_EACH), { expectedRevision: 'no_stream' });
    }
  }

  it("copy committed events into the database file from the store's own thread, without a commit doing it", async () => {
    const file = dir.file('checkpointed.sqlite');
    const store = new SqliteEventStore({ file, backgroundCheckpoints: true });
    const before = statSync(file).size;
    await appendSome(store);
    // Only a checkpoint moves pages from the log into the file; the test's time limit bounds the wait.
    while (statSync(file).size <= before) await sleep(20);
    expect((await store.readAll({ maxCount: 1_000 })).length).toBe(STREAMS * EVENTS_EACH);
    await store.close();
  });

  it("close the thread's connection before the store's, which then removes the log as usual", async () => {
    const file = dir.file('closed.sqlite');
    const store = new SqliteEventStore({ file, backgroundCheckpoints: true });
    await appendSome(store);
    expect(existsSync(`${file}-wal`)).toBe(true);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('are off unless asked for: then the events stay in the log until SQLite copies them', async () => {
    const file = dir.file('plain.sqlite');
    const store = new SqliteEventStore({ file });
    const before = statSync(file).size;
    await appendSome(store);
    await sleep(300);
    expect(statSync(file).size).toBe(before);
    await store.close();
  });

  it('once stopped, even before the thread started, never touch the file again: a file put in its place keeps its own log', async () => {
    const replacements = Array.from({ length: 10 }, (_, n) => {
      const file = dir.file(`replaced-${n}.sqlite`);
      const owner = openSqlite(file);
      owner.exec('CREATE TABLE first (n INTEGER)');
      new BackgroundCheckpoints(file).stop();
      owner.close();
      // As a damaged read-model file is moved aside, its log with it, and an empty one opened.
      renameSync(file, `${file}.aside`);
      const replacement = openSqlite(file);
      replacement.exec('CREATE TABLE second (n INTEGER); INSERT INTO second VALUES (1)');
      return { file, replacement, size: statSync(file).size };
    });
    await sleep(300);
    for (const { file, replacement, size } of replacements) {
      // Nobody checkpointed it: the rows are still in its own log, and the file reads whole.
      expect(statSync(file).size).toBe(size);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(replacement.pragma('quick_check', { simple: true })).toBe('ok');
      expect(replacement.prepare('SELECT n FROM second').all()).toEqual([{ n: 1 }]);
      replacement.close();
    }
  });

  /** A file with a table of page-sized rows, and one commit of `pages` rows. */
  function pagesTable(file: string) {
    const db = openSqlite(file);
    db.exec('CREATE TABLE pages (filler BLOB)');
    const insert = db.prepare(
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO pages SELECT randomblob(3500) FROM n',
    );
    return { db, size: () => statSync(file).size, commitPages: (pages: number) => insert.run(pages) };
  }

  it("leave the owner's commits to checkpoint only once the log passes its bound, should the thread fall behind", () => {
    const plain = pagesTable(dir.file('owner-plain.sqlite'));
    const owner = pagesTable(dir.file('owner-bound.sqlite'));
    try {
      // Without the thread, SQLite's own checkpoint runs in the commit that takes the log past its default bound.
      const pastDefault = 2 * (plain.db.pragma('wal_autocheckpoint', { simple: true }) as number);
      const plainBefore = plain.size();
      plain.commitPages(pastDefault);
      expect(plain.size()).toBeGreaterThan(plainBefore);

      // Stopped before it starts: only a commit can checkpoint this file.
      BackgroundCheckpoints.startFor(dir.file('owner-bound.sqlite'), owner.db)?.stop();
      const before = owner.size();
      owner.commitPages(pastDefault);
      expect(owner.size()).toBe(before);
      owner.commitPages(OWNER_CHECKPOINT_PAGES);
      expect(owner.size()).toBeGreaterThan(before);
    } finally {
      plain.db.close();
      owner.db.close();
    }
  });
});
