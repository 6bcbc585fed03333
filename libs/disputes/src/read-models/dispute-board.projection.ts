import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { DISPUTE_EVENT_TYPES, type DisputeEvent } from '../dispute/dispute.events';

export const DISPUTE_BOARD = 'dispute-board';

/** The events a remedy writes; the board counts those whose causation is a dispute's resolution. */
export const REMEDY_EVENT_TYPES = ['OwnershipAssigned', 'CommissionAdjusted'] as const;

/**
 * Every dispute with its claim, comments, resolution and how far its remedy has run: a remedy's
 * events (a transfer, an adjustment) name the DisputeResolved event as their causation, so the
 * board counts them here. Times come from the events only.
 */
export const disputeBoardProjection: Projection = {
  name: DISPUTE_BOARD,
  version: '1',
  tables: ['dispute_board', 'dispute_comments', 'dispute_remedy_events'],
  eventTypes: [...DISPUTE_EVENT_TYPES, ...REMEDY_EVENT_TYPES],
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS dispute_board (
        dispute_id        TEXT PRIMARY KEY,
        status            TEXT NOT NULL,
        claimant_rep_id   TEXT NOT NULL,
        respondent_rep_id TEXT,
        subject_kind      TEXT NOT NULL,
        subject_id        TEXT NOT NULL,
        claim             TEXT NOT NULL,
        evidence          TEXT NOT NULL,
        opened_by         TEXT NOT NULL,
        opened_at         TEXT NOT NULL,
        opened_position   INTEGER NOT NULL,
        comment_count     INTEGER NOT NULL DEFAULT 0,
        resolution        TEXT,
        resolved_event_id TEXT,
        with_adjustment   INTEGER NOT NULL DEFAULT 0,
        remedy_steps      INTEGER NOT NULL DEFAULT 0,
        remedy_done       INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS dispute_board_by_status ON dispute_board (status, opened_position);
      CREATE INDEX IF NOT EXISTS dispute_board_by_claimant ON dispute_board (claimant_rep_id, opened_position);
      CREATE INDEX IF NOT EXISTS dispute_board_by_respondent ON dispute_board (respondent_rep_id, opened_position);
      CREATE UNIQUE INDEX IF NOT EXISTS dispute_board_by_resolution ON dispute_board (resolved_event_id)
        WHERE resolved_event_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS dispute_board_remedy_pending ON dispute_board (dispute_id)
        WHERE remedy_done < remedy_steps;
      CREATE TABLE IF NOT EXISTS dispute_comments (
        dispute_id  TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        comment_id  TEXT NOT NULL,
        author_id   TEXT NOT NULL,
        author_role TEXT NOT NULL,
        text        TEXT NOT NULL,
        at          TEXT NOT NULL,
        event_id    TEXT NOT NULL,
        PRIMARY KEY (dispute_id, seq)
      );
      CREATE TABLE IF NOT EXISTS dispute_remedy_events (
        event_id   TEXT PRIMARY KEY,
        dispute_id TEXT NOT NULL,
        type       TEXT NOT NULL,
        stream_id  TEXT NOT NULL,
        position   INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS dispute_remedy_events_by_dispute ON dispute_remedy_events (dispute_id, position);
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    if (stored.type === 'OwnershipAssigned' || stored.type === 'CommissionAdjusted') {
      const causation = stored.metadata.causationId;
      // A shortcut: `resolved_event_id = NULL` matches no row either (dropping it is an equivalent mutant).
      if (causation === null) return;
      const row = db.prepare('SELECT dispute_id FROM dispute_board WHERE resolved_event_id = ?').get(causation) as
        { dispute_id: string } | undefined;
      if (!row) return;
      db.prepare(
        'INSERT INTO dispute_remedy_events (event_id, dispute_id, type, stream_id, position) VALUES (?, ?, ?, ?, ?)',
      ).run(stored.id, row.dispute_id, stored.type, stored.streamId, Number(stored.position));
      db.prepare('UPDATE dispute_board SET remedy_done = remedy_done + 1 WHERE dispute_id = ?').run(row.dispute_id);
      return;
    }
    const event = { type: stored.type, data: stored.data } as unknown as DisputeEvent;
    switch (event.type) {
      case 'DisputeOpened': {
        const d = event.data;
        db.prepare(
          `INSERT OR IGNORE INTO dispute_board (dispute_id, status, claimant_rep_id, respondent_rep_id, subject_kind,
             subject_id, claim, evidence, opened_by, opened_at, opened_position)
           VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          d.disputeId,
          d.claimantRepId,
          d.respondentRepId,
          d.subject.kind,
          d.subject.id,
          d.claim,
          JSON.stringify(d.evidence),
          d.openedBy,
          d.openedAt,
          Number(stored.position),
        );
        return;
      }
      case 'DisputeCommented': {
        const { disputeId, commentId, authorId, authorRole, text, at } = event.data;
        db.prepare(
          `INSERT INTO dispute_comments (dispute_id, seq, comment_id, author_id, author_role, text, at, event_id)
           VALUES (?, (SELECT count(*) FROM dispute_comments WHERE dispute_id = ?), ?, ?, ?, ?, ?, ?)`,
        ).run(disputeId, disputeId, commentId, authorId, authorRole, text, at, stored.id);
        db.prepare('UPDATE dispute_board SET comment_count = comment_count + 1 WHERE dispute_id = ?').run(disputeId);
        return;
      }
      case 'DisputeResolved': {
        const r = event.data;
        const steps = (r.remedy.transfer ? 1 : 0) + r.remedy.adjustments.length;
        db.prepare(
          `UPDATE dispute_board SET status = ?, resolution = ?, resolved_event_id = ?, with_adjustment = ?,
             remedy_steps = ? WHERE dispute_id = ?`,
        ).run(r.outcome, JSON.stringify(r), stored.id, r.remedy.adjustments.length > 0 ? 1 : 0, steps, r.disputeId);
        return;
      }
    }
  },
};
