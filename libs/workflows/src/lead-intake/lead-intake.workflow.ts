import { type CustomerCommand, type IdentityKey, customerDecider, customerStreamId } from '@leadledger/customers';
import { EventStore, handleCommandsTogether, loadState } from '@leadledger/event-store';
import { NotFoundError, isRefusal } from '@leadledger/kernel';
import { type AssignmentTrace, type LeadCommand, leadDecider, leadStreamId, routeLead } from '@leadledger/leads';
import { type OwnershipTerms, type WorkflowPolicy, acceptByAfter, defaultTerms } from '../lead-routing/ownership-terms';
import { workflowContext } from './intake-context';
import { matchedCustomer } from './matched-customer';
import { resolveCustomer } from './resolve-customer';
import { routeInPool } from './route-in-pool';

const WORKFLOW = 'lead-intake';

/**
 * Takes a received lead to its customer and its rep: reserve identity keys -> register or
 * extend the customer -> route -> record ownership -> match and assign the lead. Each step
 * is its own append on its own stream and each is idempotent, so running this again after
 * a crash anywhere in between completes the lead without duplicating anything.
 */
export async function processReceivedLead(store: EventStore, leadId: string, policy: WorkflowPolicy): Promise<void> {
  const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
  if (state.status === 'absent') throw new NotFoundError('lead', leadId);
  // Only a lead that has not been through intake: declined or expired leads are re-routed elsewhere.
  if (state.status !== 'received' || state.flaggedForReview || state.passedOver.length > 0) return;
  if (state.customerId && (await leftIntake(store, leadId))) return;
  // Read only now: the reactor's check of a lead its request completed then reads nothing more.
  const [receivedEvent] = await store.readStream(leadStreamId(leadId), { maxCount: 1 });

  const lead = state.lead;
  const context = workflowContext(receivedEvent, WORKFLOW);
  // Commands given together are decided in one round and appended at once.
  const onLead = (...commands: LeadCommand[]) =>
    handleCommandsTogether(store, leadStreamId(leadId), leadDecider, commands, context);
  const keys = lead.identityKeys as readonly IdentityKey[];

  const resolution = await resolveCustomer(store, leadId, keys, context);
  if (resolution.kind === 'conflict') {
    await onLead({
      kind: 'FlagForReview',
      reason: 'identity keys belong to different customers',
      customerIds: resolution.customerIds,
    });
    return;
  }
  const { customerId } = resolution;
  const at = receivedEvent.metadata.occurredAt;
  const onCustomer = (...commands: CustomerCommand[]) =>
    handleCommandsTogether(store, customerStreamId(customerId), customerDecider, commands, context, {
      retriesOnConflict: 20,
    });
  // Whoever registers first is the customer's first lead; the others only add their keys.
  const register: CustomerCommand = {
    kind: 'RegisterCustomer',
    customerId,
    keys,
    leadId,
    channel: lead.channel,
    finderRepId: lead.receivedBy,
    at,
    owner: null,
  };
  const addKeys = keys.map((key): CustomerCommand => ({ kind: 'AddIdentityKey', key, leadId }));
  await onCustomer(register, ...addKeys);

  const customer = await matchedCustomer(store, customerId, leadId);
  const route = routeLead({ channel: lead.channel, receivedBy: lead.receivedBy, poolId: lead.poolId, customer });
  if (isRefusal(route)) {
    await onLead({ kind: 'FlagForReview', reason: `${route.code}: ${route.message}`, customerIds: [customerId] });
    return;
  }

  let repId: string | null;
  let terms: OwnershipTerms = defaultTerms(policy);
  let acceptBy: string | null = null;
  let trace: AssignmentTrace;
  if (route.rule === 'pool-rotation') {
    const routed = await routeInPool(store, route.poolId, leadId, at, policy.timeZone, context);
    if (routed.kind === 'refused') {
      await onLead({ kind: 'FlagForReview', reason: `${routed.code}: ${routed.message}`, customerIds: [customerId] });
      return;
    }
    terms = routed.pool;
    repId = routed.kind === 'assigned' ? routed.repId : null;
    acceptBy = acceptByAfter(at, routed.pool.acceptanceSlaMinutes);
    const note = routed.kind === 'assigned' ? 'chosen by the pool rotation' : 'nobody eligible';
    trace = { rule: 'pool-rotation', pool: routed.trace, note };
  } else {
    repId = route.repId;
    trace = { rule: route.rule, pool: null, note: explain(route.rule, route.repId) };
  }

  if (repId && route.rule !== 'existing-customer') {
    const via = route.rule;
    const [owned] = await onCustomer({
      kind: 'AssignOwnership',
      repId,
      via,
      reason: trace.note,
      protectionDays: terms.protectionDays,
      warningDays: terms.warningDays,
      leadId,
      at,
    });
    if (isRefusal(owned)) {
      // A colleague became the owner while this lead was routed (same customer, same moment):
      // the customer keeps one owner and the lead follows them.
      const now = await matchedCustomer(store, customerId, leadId);
      if (!now.ownerId) {
        await onLead({ kind: 'FlagForReview', reason: `${owned.code}: ${owned.message}`, customerIds: [customerId] });
        return;
      }
      repId = now.ownerId;
      acceptBy = null;
      trace = {
        rule: 'existing-customer',
        pool: trace.pool,
        note: `${now.ownerId} became the owner while this lead was routed`,
      };
    }
  }
  const match: LeadCommand = { kind: 'MatchCustomer', customerId, isNewCustomer: customer.isNew };
  const placement: LeadCommand[] = repId
    ? [{ kind: 'AssignLead', repId, acceptBy, trace }]
    : route.rule === 'pool-rotation'
      ? [{ kind: 'QueueLead', poolId: route.poolId, reason: 'no pool member was eligible' }]
      : [];
  // Matched and placed in one append: a lead is never seen matched but not yet assigned or queued.
  await onLead(match, ...placement);
}

/** A lead released after an assignment, or whose review a manager resolved, is matched and no longer the intake's. */
async function leftIntake(store: EventStore, leadId: string): Promise<boolean> {
  return (await store.readStream(leadStreamId(leadId))).some(
    (e) => e.type === 'LeadAssigned' || e.type === 'LeadReviewResolved',
  );
}

function explain(rule: string, repId: string): string {
  if (rule === 'existing-customer') return `${repId} already owns this customer`;
  if (rule === 'received-walk-in') return `${repId} received the customer and nobody owned them`;
  return `${repId} sourced this lead`;
}
