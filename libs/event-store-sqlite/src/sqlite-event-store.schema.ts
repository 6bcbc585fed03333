import type Database from 'better-sqlite3';

/**
 * position is the rowid: SQLite has one writer at a time and each append assigns its
 * positions inside that write transaction, so positions appear in commit order and a
 * reader never sees a gap that a slower writer fills later.
 *
 * hash is the event's link in the tamper-evidence chain (eventHash in @leadledger/event-store,
 * lowercase hex), written in the append's transaction. It is NULL on events recorded before
 * the column existed: the chain starts at the first event appended after the upgrade.
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
      hash      TEXT,
      UNIQUE (stream_id, revision)
    );
  `);
  addHashColumn(db);
}

/**
 * The one migration so far: a file made before the chain gains the hash column (NULL on every
 * event already there; adding a column rewrites no row). Under the write lock, so two
 * processes opening an old file at once do not both add it.
 */
function addHashColumn(db: Database.Database): void {
  const hasHash = () => (db.pragma('table_info(events)') as { name: string }[]).some((c) => c.name === 'hash');
  if (hasHash()) return;
  db.transaction(() => {
    if (!hasHash()) db.exec('ALTER TABLE events ADD COLUMN hash TEXT');
  }).immediate();
}
