import { type Accepted, EventStore, toDomainEvent } from '@leadledger/event-store';
import { type Refusal, isRefusal } from '@leadledger/kernel';
import { type PoolEvent, type PoolState, poolStreamId } from '@leadledger/routing';

/** The pool refused because it had already decided for this lead: a retry after a crash. */
export const alreadyDecided = (result: Refusal): boolean =>
  result.code === 'LeadAlreadyRouted' || result.code === 'LeadAlreadyQueued';

/**
 * What the pool decided for a lead: the events a routing append just wrote or, when the pool
 * refused it as already decided, its latest decision for the lead read back from its stream.
 */
export async function poolDecisionFor(
  store: EventStore,
  poolId: string,
  leadId: string,
  result: Accepted<PoolState> | Refusal,
): Promise<PoolEvent[]> {
  if (!isRefusal(result)) return result.events.map((event) => toDomainEvent(event) as PoolEvent);
  const events = (await store.readStream(poolStreamId(poolId))).map((event) => toDomainEvent(event) as PoolEvent);
  const latest = events.findLast(
    (e) => (e.type === 'PoolLeadAssigned' || e.type === 'PoolLeadQueued') && e.data.leadId === leadId,
  );
  return latest ? [latest] : [];
}
