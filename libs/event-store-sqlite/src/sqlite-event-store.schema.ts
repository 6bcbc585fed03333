import type Database from 'better-sqlite3';

/**
 * position is the rowid: SQLite has one writer at a time and each append assigns its
 * positions inside that write transaction, so positions appear in commit order and a
 * reader never sees a gap that a slower writer fills later.
 */
export function createEventStoreSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position  INTEGER PRIMARY KEY,
      event_id  TEXT    NOT NULL UNIQUE,
      stream_id TEXT    NOT NULL,
      revision  INTEGER NOT NULL,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
  `);
}
