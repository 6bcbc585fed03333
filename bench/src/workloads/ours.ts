import { type ExpectedRevision, START_OF_LOG } from '@leadledger/event-store';
import { SqliteEventStore, openSqlite } from '@leadledger/event-store-sqlite';
import type Database from 'better-sqlite3';
import type { BenchStore, Durability, Subject } from './subject';

export function readDurability(db: Database.Database, how: string): Durability {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    sqliteVersion: String(db.prepare('SELECT sqlite_version()').pluck().get()),
    how,
  };
}

/** leadledger's SqliteEventStore, driven only through the EventStore port. */
export const ours: Subject = {
  name: 'ours',
  label: 'leadledger SqliteEventStore via the EventStore port',
  async open(file: string): Promise<BenchStore> {
    const store = new SqliteEventStore({ file });
    const expected = new Map<string, ExpectedRevision>();
    return {
      async append(streamId, event) {
        const result = await store.appendToStream(streamId, [event], {
          expectedRevision: expected.get(streamId) ?? 'no_stream',
        });
        expected.set(streamId, result.nextExpectedRevision);
      },
      async readAll(batch) {
        let after = START_OF_LOG;
        let count = 0;
        for (;;) {
          const events = await store.readAll({ after, maxCount: batch });
          count += events.length;
          if (events.length < batch) return count;
          after = events[events.length - 1].position;
        }
      },
      async durability() {
        // synchronous is per connection: open one the way the adapter opens its own.
        const db = openSqlite(file);
        try {
          return readDurability(db, 'openSqlite(), the connection factory SqliteEventStore uses, on the same file');
        } finally {
          db.close();
        }
      },
      close: () => store.close(),
    };
  },
};
