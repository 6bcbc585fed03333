import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { businessDay } from '@leadledger/projections';
import { type PoolEvent, type RoutingTrace, poolDecider, poolStreamId } from '@leadledger/routing';
import { customerRoutings } from '../lead-intake/customer-routings';
import { matchedCustomer } from '../lead-intake/matched-customer';
import { completePoolAssignment } from './complete-pool-assignment';
import { alreadyDecided, poolDecisionFor } from './pool-decision';

/**
 * A rep declined a lead or let its acceptance SLA run out: a colleague who owns the lead's
 * customer, and did not pass on this lead, takes it (routing rule a, no pool turn); otherwise
 * the lead's pool picks the next eligible member, skipping everyone who already passed on it,
 * or queues it when nobody is left. A lead that came with no pool waits unassigned, where any
 * rep may claim it. Leads of one customer re-route one at a time, as they route at intake.
 * Idempotent: the pool recognises a re-route it already made, and the lead one it already took.
 */
export async function rerouteLead(
  store: EventStore,
  leadId: string,
  at: string,
  timeZone: string,
  context: CommandContext,
): Promise<void> {
  const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
  const customerId = state.status === 'absent' ? null : state.customerId;
  const reroute = () => rerouteWaitingLead(store, leadId, at, timeZone, context);
  await (customerId ? customerRoutings.run(customerId, reroute) : reroute());
}

/** The re-route itself, on the lead as it stands once its customer's turn has come. */
async function rerouteWaitingLead(
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
  if (lead.customerId && (await followOwner(store, lead.customerId, leadId, lead.passedOver, context))) return;
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

/**
 * Gives the lead to its customer's owner when that owner did not pass on it and did not get the
 * customer through this very lead (then the re-route is this lead's own, as on its first run).
 * Asking the pool first would count a turn for a member who never gets the lead.
 */
async function followOwner(
  store: EventStore,
  customerId: string,
  leadId: string,
  passedOver: readonly string[],
  context: CommandContext,
): Promise<boolean> {
  const { ownerId } = await matchedCustomer(store, customerId, leadId);
  if (!ownerId || passedOver.includes(ownerId)) return false;
  const trace = { rule: 'existing-customer', pool: null, note: `${ownerId} owns this customer` } as const;
  const command = { kind: 'AssignLead', repId: ownerId, acceptBy: null, trace } as const;
  await handleCommand(store, leadStreamId(leadId), leadDecider, command, context);
  return true;
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
      await queueRerouted(store, leadId, event.data.poolId, context, event.data.trace);
    }
  }
}

/** A re-routed lead nobody is left to take waits in its pool's queue (a first routing is the intake's). */
export async function queueRerouted(
  store: EventStore,
  leadId: string,
  poolId: string,
  context: CommandContext,
  pool?: RoutingTrace,
): Promise<void> {
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  if (lead.status !== 'received' || lead.passedOver.length === 0) return;
  const reason = 'every eligible member has passed on it, or none is eligible';
  const command = { kind: 'QueueLead', poolId, reason, ...(pool ? { pool } : {}) } as const;
  await handleCommand(store, leadStreamId(leadId), leadDecider, command, context);
}
