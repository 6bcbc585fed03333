import { type CommandContext, EventStore, handleCommand, loadState, toDomainEvent } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { businessDay } from '@leadledger/projections';
import { type PoolEvent, type RoutingTrace, poolDecider, poolStreamId } from '@leadledger/routing';

export interface PoolTerms {
  readonly acceptanceSlaMinutes: number;
  readonly protectionDays: number;
  /** The pool's protectionWarningDays: how long before protection ends its owners are warned. */
  readonly warningDays: number;
}

export type PoolRouting =
  | { readonly kind: 'assigned'; readonly repId: string; readonly trace: RoutingTrace; readonly pool: PoolTerms }
  | { readonly kind: 'queued'; readonly trace: RoutingTrace | null; readonly pool: PoolTerms }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

/**
 * Asks the pool's stream to choose. A retry finds the lead already routed and reads the
 * earlier choice back from the pool's events, so a lead is never routed twice.
 */
export async function routeInPool(
  store: EventStore,
  poolId: string,
  leadId: string,
  occurredAt: string,
  timeZone: string,
  context: CommandContext,
): Promise<PoolRouting> {
  const day = businessDay(occurredAt, timeZone);
  const command = { kind: 'RouteLead', poolId, leadId, day, month: day.slice(0, 7) } as const;
  // Every lead for the pool contends for this one stream: keep retrying, each retry re-decides.
  const result = await handleCommand(store, poolStreamId(poolId), poolDecider, command, context, {
    retriesOnConflict: 100,
  });
  if (isRefusal(result) && result.code !== 'LeadAlreadyRouted' && result.code !== 'LeadAlreadyQueued') {
    return { kind: 'refused', code: result.code, message: result.message };
  }
  const { state } = await loadState(store, poolStreamId(poolId), poolDecider);
  if (state.status !== 'active') return { kind: 'refused', code: 'PoolNotFound', message: 'No such pool' };
  const { acceptanceSlaMinutes, protectionDays, protectionWarningDays } = state.settings;
  const pool = { acceptanceSlaMinutes, protectionDays, warningDays: protectionWarningDays };
  const events = isRefusal(result)
    ? await poolEventsFor(store, poolId, leadId)
    : (result.events as unknown as PoolEvent[]);
  const assigned = [...events].reverse().find((e) => e.type === 'PoolLeadAssigned' && e.data.leadId === leadId);
  if (assigned?.type === 'PoolLeadAssigned') {
    return { kind: 'assigned', repId: assigned.data.repId, trace: assigned.data.trace, pool };
  }
  const queued = events.find((e) => e.type === 'PoolLeadQueued' && e.data.leadId === leadId);
  return { kind: 'queued', trace: queued?.type === 'PoolLeadQueued' ? queued.data.trace : null, pool };
}

async function poolEventsFor(store: EventStore, poolId: string, leadId: string): Promise<PoolEvent[]> {
  const stored = await store.readStream(poolStreamId(poolId));
  return stored.map((e) => toDomainEvent(e) as PoolEvent).filter((e) => 'leadId' in e.data && e.data.leadId === leadId);
}
