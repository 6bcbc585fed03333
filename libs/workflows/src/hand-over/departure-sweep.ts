import { type CommandContext, EventStore, type StoredEvent, loadState } from '@leadledger/event-store';
import { repDecider, repStreamId } from '@leadledger/leads';
import type { WorkflowPolicy } from '../lead-routing/ownership-terms';
import { moveCustomer, moveLead, removeFromPool, requestOf } from './hand-over.workflow';

/** Events that give a rep work: each is checked against the rep's stream, after the fact. */
export const LATE_WORK_TYPES: readonly string[] = ['OwnershipAssigned', 'LeadAssigned', 'PoolMemberAdded'];

/**
 * Closes the race between a departure and work given to the departing rep at the same moment.
 * The departure's hand-over moves what its read models show at the RepDeparted event; anything
 * that reached the rep later in the log (a walk-in naming them, a pool membership added while
 * they left) is seen here, and goes where the departure sent the rest: to the successor, or
 * back to the shared pool, or out of the pool. Each step is caused by the RepDeparted event,
 * so the departure's record lists it, and each is guarded by who holds the item now.
 */
export async function sweepLateWork(store: EventStore, event: StoredEvent, policy: WorkflowPolicy): Promise<void> {
  const repId = typeof event.data.repId === 'string' ? event.data.repId : null;
  if (!repId) return;
  const { state } = await loadState(store, repStreamId(repId), repDecider);
  if (state.status !== 'departed') return;
  const departure = (await store.readStream(repStreamId(repId))).find((e) => e.type === 'RepDeparted');
  // Before the departure in the log: the departure's own hand-over found it in the read models.
  if (!departure || event.position < departure.position) return;
  const request = requestOf(departure);
  const context: CommandContext = {
    actorId: departure.metadata.actorId,
    actorRole: departure.metadata.actorRole,
    reason: request.reason,
    occurredAt: laterOf(departure.metadata.occurredAt, event.metadata.occurredAt),
    correlationId: departure.metadata.correlationId,
    causationId: departure.id,
  };
  if (event.type === 'PoolMemberAdded') await removeFromPool(store, String(event.data.poolId), request, context);
  if (event.type === 'OwnershipAssigned')
    await moveCustomer(store, String(event.data.customerId), request, context, policy);
  if (event.type === 'LeadAssigned') await moveLead(store, String(event.data.leadId), request, context);
}

/** A customer's history never runs backwards: the sweep is dated no earlier than the work it moves. */
const laterOf = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);
