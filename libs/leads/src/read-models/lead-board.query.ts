import type { EventStore } from '@leadledger/event-store';
import type { ReadModelConnection } from '@leadledger/projections';
import type { RoutingTrace } from '@leadledger/routing';
import type { LeadChannel } from '../lead/lead-channel';
import type { AssignmentTrace, IdentityKeyRef, LeadContact } from '../lead/lead.events';
import { type LeadStatus, OPEN_LEAD_STATUSES } from '../lead/lead.state';
import { type LeadHistoryEntry, leadHistory } from './lead-history';

/** A lead as the board shows it, without its history. */
export interface LeadSummary {
  readonly leadId: string;
  readonly status: LeadStatus;
  readonly channel: LeadChannel;
  readonly contact: LeadContact;
  readonly identityKeys: IdentityKeyRef[];
  readonly externalId: string | null;
  readonly receivedBy: string | null;
  readonly referralPartnerId: string | null;
  /** The pool it waits in when queued; otherwise the pool it was pushed to, if any. */
  readonly poolId: string | null;
  readonly customerId: string | null;
  /** The rep holding it now (assigned, accepted or qualified) or when it converted, else null. */
  readonly repId: string | null;
  readonly acceptBy: string | null;
  readonly flaggedForReview: boolean;
  readonly flagReason: string | null;
  /** Reps who declined it or let it expire, oldest first. */
  readonly passedOver: string[];
  readonly disqualificationReason: string | null;
  readonly receivedAt: string;
  readonly updatedAt: string;
}

/** One LeadAssigned, in order: why the lead went to that rep. */
export interface LeadAssignmentView {
  readonly rule: AssignmentTrace['rule'];
  readonly repId: string;
  readonly acceptBy: string | null;
  readonly note: string;
  /** The pool's trace (candidates, skips, rotation before and after, policy version) when a pool chose. */
  readonly pool: RoutingTrace | null;
  readonly at: string;
}

export interface LeadView extends LeadSummary {
  readonly assignments: LeadAssignmentView[];
  readonly history: LeadHistoryEntry[];
}

interface BoardRow {
  lead_id: string;
  status: LeadStatus;
  channel: LeadChannel;
  contact: string;
  identity_keys: string;
  external_id: string | null;
  received_by: string | null;
  referral_partner_id: string | null;
  pool_id: string | null;
  customer_id: string | null;
  rep_id: string | null;
  accept_by: string | null;
  flagged_for_review: number;
  flag_reason: string | null;
  passed_over: string;
  disqualification_reason: string | null;
  received_at: string;
  updated_at: string;
}

function summaryOf(row: BoardRow): LeadSummary {
  return {
    leadId: row.lead_id,
    status: row.status,
    channel: row.channel,
    contact: JSON.parse(row.contact) as LeadContact,
    identityKeys: JSON.parse(row.identity_keys) as IdentityKeyRef[],
    externalId: row.external_id,
    receivedBy: row.received_by,
    referralPartnerId: row.referral_partner_id,
    poolId: row.pool_id,
    customerId: row.customer_id,
    repId: row.rep_id,
    acceptBy: row.accept_by,
    flaggedForReview: row.flagged_for_review === 1,
    flagReason: row.flag_reason,
    passedOver: JSON.parse(row.passed_over) as string[],
    disqualificationReason: row.disqualification_reason,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = `lead_id, status, channel, contact, identity_keys, external_id, received_by, referral_partner_id,
  pool_id, customer_id, rep_id, accept_by, flagged_for_review, flag_reason, passed_over, disqualification_reason,
  received_at, updated_at`;

/**
 * The lead with every assignment's trace and its whole history, or null for an unknown lead.
 * The history is the lead's own stream up to the event the board has applied.
 */
export async function getLead(db: ReadModelConnection, store: EventStore, leadId: string): Promise<LeadView | null> {
  const row = db.prepare(`SELECT ${COLUMNS}, stream_revision FROM lead_board WHERE lead_id = ?`).get(leadId) as
    (BoardRow & { stream_revision: number }) | undefined;
  if (!row) return null;
  const history = await leadHistory(store, leadId, BigInt(row.stream_revision));
  const assignments = history
    .filter((entry) => entry.type === 'LeadAssigned')
    .map((entry) => {
      const data = entry.data as { repId: string; acceptBy: string | null; trace: AssignmentTrace };
      const { rule, note, pool } = data.trace;
      return { rule, repId: data.repId, acceptBy: data.acceptBy, note, pool, at: entry.occurredAt };
    });
  return { ...summaryOf(row), assignments, history };
}

/** The leads a rep holds now, newest first (by when they were received); optionally of one status. */
export function repInbox(db: ReadModelConnection, repId: string, status?: string): LeadSummary[] {
  const rows = (
    status === undefined
      ? db
          .prepare(`SELECT ${COLUMNS} FROM lead_board WHERE rep_id = ? ORDER BY received_at DESC, lead_id DESC`)
          .all(repId)
      : db
          .prepare(
            `SELECT ${COLUMNS} FROM lead_board WHERE rep_id = ? AND status = ? ORDER BY received_at DESC, lead_id DESC`,
          )
          .all(repId, status)
  ) as BoardRow[];
  return rows.map(summaryOf);
}

/** Assigned leads whose acceptance deadline is at or before `now`, earliest deadline first. */
export function leadsDueForAcceptanceExpiry(
  db: ReadModelConnection,
  now: string,
): { leadId: string; repId: string; acceptBy: string }[] {
  return db
    .prepare(
      `SELECT lead_id AS leadId, rep_id AS repId, accept_by AS acceptBy FROM lead_board
       WHERE status = 'assigned' AND accept_by IS NOT NULL AND accept_by <= ?
       ORDER BY accept_by, lead_id`,
    )
    .all(new Date(now).toISOString()) as { leadId: string; repId: string; acceptBy: string }[];
}

/** Ids of the leads a rep holds (assigned, accepted or qualified): what a departure or hand-over moves. */
export function openLeadsOf(db: ReadModelConnection, repId: string): string[] {
  const placeholders = OPEN_LEAD_STATUSES.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT lead_id FROM lead_board WHERE rep_id = ? AND status IN (${placeholders}) ORDER BY received_at, lead_id`,
    )
    .all(repId, ...OPEN_LEAD_STATUSES) as { lead_id: string }[];
  return rows.map((r) => r.lead_id);
}

/** The review queue: leads flagged for review, oldest first, each with why it was flagged. */
export function flaggedLeads(db: ReadModelConnection): LeadSummary[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM lead_board WHERE flagged_for_review = 1 ORDER BY received_at, lead_id`)
    .all() as BoardRow[];
  return rows.map(summaryOf);
}
