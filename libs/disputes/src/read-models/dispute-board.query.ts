import type { ReadModelConnection } from '@leadledger/projections';
import type { DisputeResolved, DisputeSubject, EvidenceRef } from '../dispute/dispute.events';

export type DisputeBoardStatus = 'open' | 'upheld' | 'rejected';

export interface DisputeSummary {
  readonly disputeId: string;
  readonly status: DisputeBoardStatus;
  readonly claimantRepId: string;
  readonly respondentRepId: string | null;
  readonly subject: DisputeSubject;
  readonly claim: string;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly commentCount: number;
  readonly resolution: DisputeResolved['data'] | null;
  /** How many remedy steps the resolution named, and how many have been written. */
  readonly remedyProgress: { readonly steps: number; readonly done: number };
}

export interface DisputeCommentView {
  readonly commentId: string;
  readonly authorId: string;
  readonly authorRole: string;
  readonly text: string;
  readonly at: string;
  readonly eventId: string;
}

/** An event a remedy wrote, caused by the resolution: where to find it in the log. */
export interface RemedyEventView {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly position: string;
}

export interface DisputeView extends DisputeSummary {
  readonly evidence: readonly EvidenceRef[];
  readonly comments: readonly DisputeCommentView[];
  /** The DisputeResolved event's id: every remedy event names it as its causation. */
  readonly resolutionEventId: string | null;
  readonly remedyEvents: readonly RemedyEventView[];
}

export interface DisputeFilter {
  readonly status?: DisputeBoardStatus;
  /** Disputes this rep opened or is disputed in. */
  readonly repId?: string;
  /** Only commission disputes: about a ledger line, or resolved with an adjustment (what finance sees). */
  readonly commissionOnly?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface DisputePage {
  readonly items: DisputeSummary[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  /** The offset of the next page, null on the last. */
  readonly nextOffset: number | null;
}

interface BoardRow {
  dispute_id: string;
  status: DisputeBoardStatus;
  claimant_rep_id: string;
  respondent_rep_id: string | null;
  subject_kind: DisputeSubject['kind'];
  subject_id: string;
  claim: string;
  evidence: string;
  opened_by: string;
  opened_at: string;
  comment_count: number;
  resolution: string | null;
  resolved_event_id: string | null;
  remedy_steps: number;
  remedy_done: number;
}

const summaryOf = (row: BoardRow): DisputeSummary => ({
  disputeId: row.dispute_id,
  status: row.status,
  claimantRepId: row.claimant_rep_id,
  respondentRepId: row.respondent_rep_id,
  subject: { kind: row.subject_kind, id: row.subject_id },
  claim: row.claim,
  openedBy: row.opened_by,
  openedAt: row.opened_at,
  commentCount: row.comment_count,
  // JSON.parse(null) is null too, so parsing always is an equivalent mutant; the test says what is meant.
  resolution: row.resolution === null ? null : (JSON.parse(row.resolution) as DisputeResolved['data']),
  remedyProgress: { steps: row.remedy_steps, done: row.remedy_done },
});

/** A page of disputes, oldest opened first. */
export function listDisputes(db: ReadModelConnection, filter: DisputeFilter): DisputePage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status !== undefined) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.repId !== undefined) {
    where.push('(claimant_rep_id = ? OR respondent_rep_id = ?)');
    params.push(filter.repId, filter.repId);
  }
  if (filter.commissionOnly) where.push("(subject_kind = 'ledger-line' OR with_adjustment = 1)");
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const { total } = db.prepare(`SELECT count(*) AS total FROM dispute_board ${clause}`).get(...params) as {
    total: number;
  };
  const rows = db
    .prepare(`SELECT * FROM dispute_board ${clause} ORDER BY opened_position LIMIT ? OFFSET ?`)
    .all(...params, filter.limit, filter.offset) as BoardRow[];
  const items = rows.map(summaryOf);
  const next = filter.offset + items.length;
  return { items, total, limit: filter.limit, offset: filter.offset, nextOffset: next < total ? next : null };
}

export function getDispute(db: ReadModelConnection, disputeId: string): DisputeView | null {
  const row = db.prepare('SELECT * FROM dispute_board WHERE dispute_id = ?').get(disputeId) as BoardRow | undefined;
  if (!row) return null;
  const comments = db
    .prepare(
      `SELECT comment_id AS commentId, author_id AS authorId, author_role AS authorRole, text, at, event_id AS eventId
       FROM dispute_comments WHERE dispute_id = ? ORDER BY seq`,
    )
    .all(disputeId) as DisputeCommentView[];
  const remedyEvents = (
    db
      .prepare(
        `SELECT event_id AS eventId, type, stream_id AS streamId, position
         FROM dispute_remedy_events WHERE dispute_id = ? ORDER BY position`,
      )
      .all(disputeId) as (Omit<RemedyEventView, 'position'> & { position: number })[]
  ).map((e) => ({ ...e, position: String(e.position) }));
  return {
    ...summaryOf(row),
    evidence: JSON.parse(row.evidence) as EvidenceRef[],
    comments,
    resolutionEventId: row.resolved_event_id,
    remedyEvents,
  };
}

/** Upheld disputes whose remedy has not been written in full: what the start-up sweep completes. */
export function disputesWithPendingRemedy(db: ReadModelConnection): string[] {
  const rows = db
    .prepare(
      "SELECT dispute_id FROM dispute_board WHERE remedy_done < remedy_steps AND status = 'upheld' ORDER BY dispute_id",
    )
    .all() as { dispute_id: string }[];
  return rows.map((r) => r.dispute_id);
}
