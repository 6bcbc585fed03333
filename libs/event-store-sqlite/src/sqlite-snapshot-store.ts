import { SnapshotStore, type StreamSnapshot } from '@leadledger/event-store';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite-connection';

interface SnapshotRow {
  stream_id: string;
  decider_version: string;
  revision: bigint;
  event_id: string;
  state: string;
}

/** Snapshots in one table, `stream_snapshots`, one row per stream, in a file of their own. */
export class SqliteSnapshotStore extends SnapshotStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(options: { readonly file: string }) {
    super();
    this.db = openSqlite(options.file);
    // Derived data: a commit lost to a power cut costs a longer fold, so no fsync on every save.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS stream_snapshots (
      stream_id TEXT PRIMARY KEY,
      decider_version TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      state TEXT NOT NULL
    )`);
    this.statements = {
      load: this.db.prepare('SELECT * FROM stream_snapshots WHERE stream_id = ?').safeIntegers(true),
      save: this.db.prepare(
        `INSERT INTO stream_snapshots (stream_id, decider_version, revision, event_id, state) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET decider_version = excluded.decider_version,
           revision = excluded.revision, event_id = excluded.event_id, state = excluded.state`,
      ),
    };
  }

  load(streamId: string): StreamSnapshot | null {
    const row = this.statements.load.get(streamId) as SnapshotRow | undefined;
    if (!row) return null;
    const { decider_version: deciderVersion, revision, event_id: eventId } = row;
    return { streamId, deciderVersion, revision, eventId, state: JSON.parse(row.state) };
  }

  save({ streamId, deciderVersion, revision, eventId, state }: StreamSnapshot): void {
    this.statements.save.run(streamId, deciderVersion, revision, eventId, JSON.stringify(state));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
