import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { businessDay } from '@leadledger/projections';
import { type PoolEvent, poolDecider, poolStreamId } from '@leadledger/routing';
import { completePoolAssignment } from './complete-pool-assignment';
import { alreadyDecided, poolDecisionFor } from './pool-decision';

/**
 * A rep declined a lead or let its acceptance SLA run out: the lead's pool picks the next
 * eligible member, skipping everyone who already passed on it, or queues it when nobody is
 * left. A lead that came with no pool waits unassigned, where any rep may claim it.
 * Idempotent: the pool recognises a re-route it already made, and the lead one it already took.
 */
export async function rerouteLead(
  store: EventStore,
  leadId: string,
  at: string,
  timeZone: string,
  context: CommandContext,
): Promise<void> {
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  if (lead.status !== 'received' || lead.flaggedForReview || lead.passedOver.length === 0) return;
  const poolId = lead.lead.poolId;
  if (!poolId) return;
  const day = businessDay(at, timeZone);
  const command = {
    kind: 'RerouteLead',
    poolId,
    leadId,
    passedOver: lead.passedOver,
    day,
    month: day.slice(0, 7),
  } as const;
  const result = await handleCommand(store, poolStreamId(poolId), poolDecider, command, context, {
    retriesOnConflict: 100,
  });
  if (isRefusal(result) && !alreadyDecided(result)) return;
  const decided = await poolDecisionFor(store, poolId, leadId, result);
  await followPoolDecision(store, decided, leadId, at, context);
}

/** Applies to the lead what its pool just decided for it. */
async function followPoolDecision(
  store: EventStore,
  events: readonly PoolEvent[],
  leadId: string,
  at: string,
  context: CommandContext,
): Promise<void> {
  for (const event of events) {
    if (event.type === 'PoolLeadAssigned' && event.data.leadId === leadId) {
      await completePoolAssignment(store, event.data, at, context);
    }
    if (event.type === 'PoolLeadQueued' && event.data.leadId === leadId) {
      await queueRerouted(store, leadId, event.data.poolId, context);
    }
  }
}

/** A re-routed lead nobody is left to take waits in its pool's queue (a first routing is the intake's). */
export async function queueRerouted(
  store: EventStore,
  leadId: string,
  poolId: string,
  context: CommandContext,
): Promise<void> {
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  if (lead.status !== 'received' || lead.passedOver.length === 0) return;
  const reason = 'every eligible member has passed on it, or none is eligible';
  await handleCommand(store, leadStreamId(leadId), leadDecider, { kind: 'QueueLead', poolId, reason }, context);
}
