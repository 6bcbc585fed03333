import type { EventStore, StoredEvent } from '@leadledger/event-store';
import { LEAD_EVENT_TYPES, leadStreamId } from '../lead/lead.events';

export interface LeadHistoryEntry {
  readonly seq: number;
  /** Global log position, as a decimal string. */
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly actorRole: string;
}

const LEAD_TYPES = new Set<string>(LEAD_EVENT_TYPES);

/** An event the lead decider wrote: a lead event naming the lead whose stream holds it. */
export function isLeadsOwn(stored: StoredEvent): boolean {
  const leadId = stored.data.leadId;
  return LEAD_TYPES.has(stored.type) && typeof leadId === 'string' && stored.streamId === leadStreamId(leadId);
}

/**
 * A lead's history as the lead board stands: its stream up to the revision the board has
 * applied, so the history never runs ahead of the status beside it. A lead's stream is a
 * handful of events whatever the age of the log.
 */
export async function leadHistory(
  store: EventStore,
  leadId: string,
  streamRevision: bigint,
): Promise<LeadHistoryEntry[]> {
  const events = await store.readStream(leadStreamId(leadId), { maxCount: Number(streamRevision) + 1 });
  return events.filter(isLeadsOwn).map((stored, index) => ({
    seq: index + 1,
    position: stored.position.toString(),
    eventId: stored.id,
    type: stored.type,
    data: stored.data,
    occurredAt: stored.metadata.occurredAt,
    actorId: stored.metadata.actorId,
    actorRole: stored.metadata.actorRole,
  }));
}
