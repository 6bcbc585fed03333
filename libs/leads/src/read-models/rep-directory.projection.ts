import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { REP_EVENT_TYPES, type RepEvent } from '../rep/rep.events';

export const REP_DIRECTORY = 'rep-directory';

/** Every rep with team and status; a departure keeps the row, with when, how and to whom. */
export const repDirectoryProjection: Projection = {
  name: REP_DIRECTORY,
  version: '1',
  tables: ['rep_directory'],
  eventTypes: REP_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rep_directory (
        rep_id           TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        email            TEXT NOT NULL,
        team             TEXT NOT NULL,
        status           TEXT NOT NULL,
        registered_at    TEXT NOT NULL,
        departed_at      TEXT,
        departure_mode   TEXT,
        successor_rep_id TEXT,
        departure_reason TEXT
      );
      CREATE INDEX IF NOT EXISTS rep_directory_by_team ON rep_directory (team, status);
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    const event = { type: stored.type, data: stored.data } as unknown as RepEvent;
    switch (event.type) {
      case 'RepRegistered': {
        const { repId, name, email, team } = event.data;
        db.prepare(
          `INSERT INTO rep_directory (rep_id, name, email, team, status, registered_at) VALUES (?, ?, ?, ?, 'active', ?)`,
        ).run(repId, name, email, team, stored.metadata.occurredAt);
        return;
      }
      case 'RepDeparted': {
        const { repId, mode, successorRepId, reason } = event.data;
        db.prepare(
          `UPDATE rep_directory SET status = 'departed', departed_at = ?, departure_mode = ?, successor_rep_id = ?,
             departure_reason = ? WHERE rep_id = ?`,
        ).run(stored.metadata.occurredAt, mode, successorRepId, reason, repId);
        return;
      }
      // Nothing of the directory changes (the hand-over workflow reads it); the case is only there to name
      // the event, so dropping it or its return is an equivalent mutant.
      case 'RepHandOverRequested':
        return;
    }
  },
};
