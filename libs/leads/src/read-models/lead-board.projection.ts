import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { LEAD_EVENT_TYPES, type LeadEvent } from '../lead/lead.events';
import { type LeadState, evolveLead, holderOf, initialLeadState } from '../lead/lead.state';
import { isLeadsOwn } from './lead-history';

export const LEAD_BOARD = 'lead-board';

/**
 * One row per lead with where it stands, and the revision of the lead's stream it stands at:
 * the lead's history (the decision trace) is that stream read up to this revision, so the
 * board does not copy every event (docs/architecture.md). The status comes from the
 * decider's own `evolve` over the lead's JSON state, so the lifecycle rules exist once; times
 * are the events' business times.
 */
export const leadBoardProjection: Projection = {
  name: LEAD_BOARD,
  // 2: a flagged lead's state keeps the customers the flag named (reviews can be resolved).
  // 3: the stream revision replaces the copied history.
  version: '3',
  tables: ['lead_board'],
  eventTypes: LEAD_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS lead_board (
        lead_id                 TEXT PRIMARY KEY,
        status                  TEXT NOT NULL,
        channel                 TEXT NOT NULL,
        contact                 TEXT NOT NULL,
        identity_keys           TEXT NOT NULL,
        external_id             TEXT,
        received_by             TEXT,
        referral_partner_id     TEXT,
        pool_id                 TEXT,
        customer_id             TEXT,
        rep_id                  TEXT,
        accept_by               TEXT,
        flagged_for_review      INTEGER NOT NULL,
        flag_reason             TEXT,
        passed_over             TEXT NOT NULL,
        disqualification_reason TEXT,
        received_at             TEXT NOT NULL,
        updated_at              TEXT NOT NULL,
        state                   TEXT NOT NULL,
        stream_revision         INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS lead_board_by_rep ON lead_board (rep_id, status);
      CREATE INDEX IF NOT EXISTS lead_board_by_accept_by ON lead_board (status, accept_by);
      -- Version 2's copy of every lead event, in a file from before version 3.
      DROP TABLE IF EXISTS lead_history;
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    applyToBoard([stored], db);
  },
  applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
    applyToBoard(events, db);
  },
};

/** What the next event of a lead needs of its row before it. */
interface RowBefore {
  readonly state: LeadState;
  readonly flagReason: string | null;
  /** Null before the lead's first event. */
  readonly receivedAt: string | null;
}

/** A lead's board row after an event: its time and the revision of the lead's stream come from that event. */
interface BoardRow extends RowBefore {
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly streamRevision: bigint;
}

/**
 * Folds the events into their leads' rows, reading each lead's row once and writing it once
 * per call (a lead's intake is several events in one batch).
 */
function applyToBoard(events: readonly StoredEvent[], db: ReadModelConnection): void {
  const rows = new Map<string, BoardRow>();
  for (const stored of events) {
    // Only events the lead decider wrote, on the lead's own stream, are the lead's; anything else of
    // the same name is not (the history is read from that stream).
    if (!isLeadsOwn(stored)) continue;
    const event = { type: stored.type, data: stored.data } as unknown as LeadEvent;
    const leadId = event.data.leadId;
    const before: RowBefore = rows.get(leadId) ?? storedRow(db, leadId);
    const state = evolveLead(before.state, event);
    if (state.status === 'absent') continue;
    const at = stored.metadata.occurredAt;
    // Only a received lead's state has `flaggedForReview` (undefined, so falsy, in any other): dropping the
    // status check is an equivalent mutant.
    const flagged = state.status === 'received' && state.flaggedForReview;
    const flagReason = !flagged ? null : event.type === 'LeadFlaggedForReview' ? event.data.reason : before.flagReason;
    rows.set(leadId, {
      state,
      flagReason,
      receivedAt: before.receivedAt ?? at,
      updatedAt: at,
      streamRevision: stored.revision,
    });
  }
  for (const [leadId, row] of rows) writeRow(db, leadId, row);
}

function storedRow(db: ReadModelConnection, leadId: string): RowBefore {
  const row = db.prepare('SELECT state, flag_reason, received_at FROM lead_board WHERE lead_id = ?').get(leadId) as
    { state: string; flag_reason: string | null; received_at: string } | undefined;
  if (!row) return { state: initialLeadState, flagReason: null, receivedAt: null };
  const state = JSON.parse(row.state) as LeadState;
  return { state, flagReason: row.flag_reason, receivedAt: row.received_at };
}

function writeRow(
  db: ReadModelConnection,
  leadId: string,
  { state, flagReason, receivedAt, updatedAt, streamRevision }: BoardRow,
) {
  // applyToBoard never keeps an absent state, so this guard (for the types) is an equivalent mutant.
  if (state.status === 'absent') return;
  const lead = state.lead;
  db.prepare(
    // An upsert updates the row in place; INSERT OR REPLACE deleted and re-inserted it, index entries and all.
    `INSERT INTO lead_board (lead_id, status, channel, contact, identity_keys, external_id, received_by,
       referral_partner_id, pool_id, customer_id, rep_id, accept_by, flagged_for_review, flag_reason, passed_over,
       disqualification_reason, received_at, updated_at, state, stream_revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (lead_id) DO UPDATE SET status = excluded.status, channel = excluded.channel,
       contact = excluded.contact, identity_keys = excluded.identity_keys, external_id = excluded.external_id,
       received_by = excluded.received_by, referral_partner_id = excluded.referral_partner_id,
       pool_id = excluded.pool_id, customer_id = excluded.customer_id, rep_id = excluded.rep_id,
       accept_by = excluded.accept_by, flagged_for_review = excluded.flagged_for_review,
       flag_reason = excluded.flag_reason, passed_over = excluded.passed_over,
       disqualification_reason = excluded.disqualification_reason, received_at = excluded.received_at,
       updated_at = excluded.updated_at, state = excluded.state, stream_revision = excluded.stream_revision`,
  ).run(
    leadId,
    state.status,
    lead.channel,
    JSON.stringify(lead.contact),
    JSON.stringify(lead.identityKeys),
    lead.externalId,
    lead.receivedBy,
    lead.referralPartnerId,
    state.status === 'queued' ? state.poolId : lead.poolId,
    state.customerId,
    holderOf(state),
    // Each field below exists only in the state of its status (undefined, bound as NULL or falsy, in any
    // other): dropping the status checks of acceptBy, flaggedForReview and reason are equivalent mutants.
    state.status === 'assigned' ? state.acceptBy : null,
    state.status === 'received' && state.flaggedForReview ? 1 : 0,
    flagReason,
    JSON.stringify(state.passedOver),
    state.status === 'disqualified' ? state.reason : null,
    receivedAt,
    updatedAt,
    JSON.stringify(state),
    streamRevision,
  );
}
