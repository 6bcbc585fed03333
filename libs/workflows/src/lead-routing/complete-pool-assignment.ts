import { type CustomerCommand, customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { type AssignmentTrace, type LeadCommand, leadDecider, leadStreamId } from '@leadledger/leads';
import { type PoolLeadAssigned, isQueued, poolDecider, poolStreamId } from '@leadledger/routing';
import { matchedCustomer } from '../lead-intake/matched-customer';
import { acceptByAfter, poolSettings } from './ownership-terms';

/**
 * A pool chose a rep for a lead after its intake: draining the queue, or re-routing a lead
 * the previous rep declined or let expire. The lead goes to that rep with the pool's trace,
 * and its customer with it unless a colleague owns the customer by other means: then the
 * lead follows that owner, as routing rule a says. Idempotent: a lead no longer waiting is left alone.
 */
export async function completePoolAssignment(
  store: EventStore,
  assigned: PoolLeadAssigned['data'],
  at: string,
  context: CommandContext,
): Promise<void> {
  const { poolId, leadId, repId, fromQueue, rerouted } = assigned;
  if (!fromQueue && !rerouted) return; // the intake completes its own first routing
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  const waiting = lead.status === 'queued' || (lead.status === 'received' && !lead.flaggedForReview);
  if (!waiting || !(await isPoolsLatestChoice(store, assigned, lead.passedOver))) return;
  const rule = await ruleFor(store, assigned);
  const pool = await poolSettings(store, poolId);
  if (!pool) return;
  const onLead = (command: LeadCommand) => handleCommand(store, leadStreamId(leadId), leadDecider, command, context);

  let assignee = repId;
  let acceptBy: string | null = acceptByAfter(at, pool.acceptanceSlaMinutes);
  let trace: AssignmentTrace = { rule, pool: assigned.trace, note: noteFor(assigned) };
  if (lead.customerId) {
    const owner = await customerFollowsLead(store, lead.customerId, leadId, repId, lead.passedOver, at, context, pool);
    if (owner !== repId) {
      assignee = owner;
      acceptBy = null;
      trace = { rule: 'existing-customer', pool: assigned.trace, note: `${owner} owns this customer` };
    }
  }
  await onLead({ kind: 'AssignLead', repId: assignee, acceptBy, trace });
}

/**
 * Gives the customer to the pool's choice when nobody else holds it (an owner this very lead
 * made, who then passed on the lead, is replaced). Returns who owns it afterwards.
 */
async function customerFollowsLead(
  store: EventStore,
  customerId: string,
  leadId: string,
  repId: string,
  passedOver: readonly string[],
  at: string,
  context: CommandContext,
  terms: { protectionDays: number; warningDays: number },
): Promise<string> {
  const onCustomer = (command: CustomerCommand) =>
    handleCommand(store, customerStreamId(customerId), customerDecider, command, context, { retriesOnConflict: 20 });
  const before = await matchedCustomer(store, customerId, leadId);
  // Someone who passed on this very lead keeps their customer but does not get the lead back.
  if (before.ownerId && !passedOver.includes(before.ownerId)) return before.ownerId;
  if (before.ownerId) return repId;
  const owned = await onCustomer({
    kind: 'AssignOwnership',
    repId,
    via: 'pool-rotation',
    reason: 'the lead that brought this customer moved on to this rep',
    leadId,
    at,
    replacesLeadOwner: true,
    ...terms,
  });
  if (!isRefusal(owned)) return repId;
  const now = await matchedCustomer(store, customerId, leadId);
  return now.ownerId && !passedOver.includes(now.ownerId) ? now.ownerId : repId;
}

/**
 * Whether this choice is still the pool's word on the lead: not one its rep has since passed on,
 * nor one the pool has since put back in its queue. A reactor reading the log again from the start
 * (a second engine, a restore) meets every old choice while the lead waits for a later one.
 */
async function isPoolsLatestChoice(
  store: EventStore,
  { poolId, leadId, repId }: PoolLeadAssigned['data'],
  passedOver: readonly string[],
): Promise<boolean> {
  if (passedOver.includes(repId)) return false;
  const { state: pool } = await loadState(store, poolStreamId(poolId), poolDecider);
  return pool.status === 'active' && !isQueued(pool, leadId) && pool.routed.get(leadId) === repId;
}

/** Why the pool chose again: a re-route names how the lead's last holder passed on it (read from its short stream). */
async function ruleFor(store: EventStore, assigned: PoolLeadAssigned['data']): Promise<AssignmentTrace['rule']> {
  if (!assigned.rerouted) return 'pool-rotation';
  const leadEvents = await store.readStream(leadStreamId(assigned.leadId));
  const lastPass = leadEvents.findLast((e) => e.type === 'LeadDeclined' || e.type === 'LeadAcceptanceExpired');
  return lastPass?.type === 'LeadDeclined' ? 'reassigned-after-decline' : 'reassigned-after-sla';
}

const noteFor = (assigned: PoolLeadAssigned['data']): string =>
  assigned.rerouted
    ? 'moved on to the next eligible member; reps who passed on it were skipped'
    : 'waited in the pool queue and went to the first member who became eligible';
