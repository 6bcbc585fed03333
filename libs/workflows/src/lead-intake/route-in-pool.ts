import { type CommandContext, EventStore, handleCommand } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { businessDay } from '@leadledger/projections';
import { type RoutingTrace, poolDecider, poolStreamId } from '@leadledger/routing';
import { type PoolSettingsForLead, poolSettings } from '../lead-routing/ownership-terms';
import { alreadyDecided, poolDecisionFor } from '../lead-routing/pool-decision';

export type PoolRouting =
  | {
      readonly kind: 'assigned';
      readonly repId: string;
      readonly trace: RoutingTrace;
      readonly pool: PoolSettingsForLead;
    }
  | { readonly kind: 'queued'; readonly trace: RoutingTrace | null; readonly pool: PoolSettingsForLead }
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
  if (isRefusal(result) && !alreadyDecided(result)) {
    return { kind: 'refused', code: result.code, message: result.message };
  }
  const pool = await poolSettings(store, poolId);
  if (!pool) return { kind: 'refused', code: 'PoolNotFound', message: 'No such pool' };
  const [decision] = await poolDecisionFor(store, poolId, leadId, result);
  if (decision?.type === 'PoolLeadAssigned') {
    return { kind: 'assigned', repId: decision.data.repId, trace: decision.data.trace, pool };
  }
  return { kind: 'queued', trace: decision?.type === 'PoolLeadQueued' ? decision.data.trace : null, pool };
}
