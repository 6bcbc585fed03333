import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { LEAD_EVENT_TYPES, type LeadEvent } from '../lead/lead.events';
import { type LeadState, evolveLead, holderOf, initialLeadState } from '../lead/lead.state';

export const LEAD_BOARD = 'lead-board';

/**
 * One row per lead with where it stands, and every event of it in `lead_history` (the
 * decision trace). The status comes from the decider's own `evolve` over the lead's JSON
 * state, so the lifecycle rules exist once; times are the events' business times.
 */
export const leadBoardProjection: Projection = {
  name: LEAD_BOARD,
  // 2: a flagged lead's state keeps the customers the flag named (reviews can be resolved).
  version: '2',
  tables: ['lead_board', 'lead_history'],
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
        state                   TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS lead_board_by_rep ON lead_board (rep_id, status);
      CREATE INDEX IF NOT EXISTS lead_board_by_accept_by ON lead_board (status, accept_by);
      CREATE TABLE IF NOT EXISTS lead_history (
        lead_id     TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        position    INTEGER NOT NULL,
        event_id    TEXT NOT NULL,
        type        TEXT NOT NULL,
        data        TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        actor_id    TEXT NOT NULL,
        actor_role  TEXT NOT NULL,
        PRIMARY KEY (lead_id, seq)
      );
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    applyToBoard([stored], db);
  },
  applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
    applyToBoard(events, db);
  },
};

/** A lead's board row between events: what the next event needs of the one before. */
interface BoardRow {
  readonly state: LeadState;
  readonly flagReason: string | null;
  readonly receivedAt: string | null;
  readonly updatedAt: string | null;
}

/**
 * Folds the events into their leads' rows, reading each lead's row once and writing it once
 * per call (a lead's intake is several events in one batch); every event is a history row.
 */
function applyToBoard(events: readonly StoredEvent[], db: ReadModelConnection): void {
  const rows = new Map<string, BoardRow>();
  for (const stored of events) {
    // Only events the lead decider wrote carry the lead's id; anything else of the same name is not a lead's.
    if (typeof stored.data.leadId !== 'string') continue;
    const event = { type: stored.type, data: stored.data } as unknown as LeadEvent;
    const leadId = event.data.leadId;
    const before = rows.get(leadId) ?? storedRow(db, leadId);
    const state = evolveLead(before.state, event);
    if (state.status === 'absent') continue;
    const at = stored.metadata.occurredAt;
    // Only a received lead's state has `flaggedForReview` (undefined, so falsy, in any other): dropping the
    // status check is an equivalent mutant.
    const flagged = state.status === 'received' && state.flaggedForReview;
    const flagReason = !flagged ? null : event.type === 'LeadFlaggedForReview' ? event.data.reason : before.flagReason;
    rows.set(leadId, { state, flagReason, receivedAt: before.receivedAt ?? at, updatedAt: at });
    db.prepare(
      `INSERT INTO lead_history (lead_id, seq, position, event_id, type, data, occurred_at, actor_id, actor_role)
       VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM lead_history WHERE lead_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      leadId,
      leadId,
      stored.position,
      stored.id,
      stored.type,
      JSON.stringify(stored.data),
      at,
      stored.metadata.actorId,
      stored.metadata.actorRole,
    );
  }
  for (const [leadId, row] of rows) writeRow(db, leadId, row);
}

function storedRow(db: ReadModelConnection, leadId: string): BoardRow {
  const row = db.prepare('SELECT state, flag_reason, received_at FROM lead_board WHERE lead_id = ?').get(leadId) as
    { state: string; flag_reason: string | null; received_at: string } | undefined;
  if (!row) return { state: initialLeadState, flagReason: null, receivedAt: null, updatedAt: null };
  const state = JSON.parse(row.state) as LeadState;
  return { state, flagReason: row.flag_reason, receivedAt: row.received_at, updatedAt: null };
}

function writeRow(db: ReadModelConnection, leadId: string, { state, flagReason, receivedAt, updatedAt }: BoardRow) {
  // applyToBoard never keeps an absent state, so this guard (for the types) is an equivalent mutant.
  if (state.status === 'absent') return;
  const lead = state.lead;
  db.prepare(
    // An upsert updates the row in place; INSERT OR REPLACE deleted and re-inserted it, index entries and all.
    `INSERT INTO lead_board (lead_id, status, channel, contact, identity_keys, external_id, received_by,
       referral_partner_id, pool_id, customer_id, rep_id, accept_by, flagged_for_review, flag_reason, passed_over,
       disqualification_reason, received_at, updated_at, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (lead_id) DO UPDATE SET status = excluded.status, channel = excluded.channel,
       contact = excluded.contact, identity_keys = excluded.identity_keys, external_id = excluded.external_id,
       received_by = excluded.received_by, referral_partner_id = excluded.referral_partner_id,
       pool_id = excluded.pool_id, customer_id = excluded.customer_id, rep_id = excluded.rep_id,
       accept_by = excluded.accept_by, flagged_for_review = excluded.flagged_for_review,
       flag_reason = excluded.flag_reason, passed_over = excluded.passed_over,
       disqualification_reason = excluded.disqualification_reason, received_at = excluded.received_at,
       updated_at = excluded.updated_at, state = excluded.state`,
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
  );
}
