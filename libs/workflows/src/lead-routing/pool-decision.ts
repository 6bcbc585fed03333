import { type Accepted, EventStore, toDomainEvent } from '@leadledger/event-store';
import { type Refusal, isRefusal } from '@leadledger/kernel';
import { type PoolEvent, type PoolState, poolStreamId } from '@leadledger/routing';

/** The pool refused because it had already decided for this lead: a retry after a crash. */
export const alreadyDecided = (result: Refusal): boolean =>
  result.code === 'LeadAlreadyRouted' || result.code === 'LeadAlreadyQueued';

/** How many pool events one backwards read takes while looking for a lead's decision. */
const PAGE = 100;

const decidesFor = (event: PoolEvent, leadId: string): boolean =>
  (event.type === 'PoolLeadAssigned' || event.type === 'PoolLeadQueued') && event.data.leadId === leadId;

/**
 * What the pool decided for a lead: the events a routing append just wrote or, when the pool
 * refused it as already decided, its latest decision for the lead read back from its stream.
 * That read goes backwards from the end, a page at a time, and stops at the decision: a retry
 * finds it near the end, so the cost does not grow with the pool's history.
 */
export async function poolDecisionFor(
  store: EventStore,
  poolId: string,
  leadId: string,
  result: Accepted<PoolState> | Refusal,
): Promise<PoolEvent[]> {
  if (!isRefusal(result)) return result.events.map((event) => toDomainEvent(event) as PoolEvent);
  let fromRevision: bigint | undefined;
  for (;;) {
    const page = await store.readStream(poolStreamId(poolId), { direction: 'backwards', fromRevision, maxCount: PAGE });
    const latest = page.map((event) => toDomainEvent(event) as PoolEvent).find((event) => decidesFor(event, leadId));
    if (latest) return [latest];
    const oldest = page.at(-1);
    if (page.length < PAGE || !oldest || oldest.revision === 0n) return [];
    fromRevision = oldest.revision - 1n;
  }
}
