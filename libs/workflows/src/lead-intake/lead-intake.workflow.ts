import { type CustomerCommand, type IdentityKey, customerDecider, customerStreamId } from '@leadledger/customers';
import {
  type CommandContext,
  EventStore,
  handleCommandsTogether,
  handleOnStreamsAtOnce,
  loadState,
  onStream,
} from '@leadledger/event-store';
import { NotFoundError, isRefusal } from '@leadledger/kernel';
import {
  type AssignmentTrace,
  type LeadCommand,
  type MatchedCustomer,
  leadDecider,
  leadStreamId,
  routeLead,
} from '@leadledger/leads';
import { type OwnershipTerms, type WorkflowPolicy, acceptByAfter, defaultTerms } from '../lead-routing/ownership-terms';
import { workflowContext } from './intake-context';
import { matchedCustomer } from './matched-customer';
import { customerRoutings } from './customer-routings';
import { type LeadOfCustomer, customerRegistration, keyAdditions } from './lead-of-customer';
import { reserveAndRegisterAtOnce } from './reserve-and-register';
import { type CustomerResolution, resolveCustomer } from './resolve-customer';
import { routeInPool } from './route-in-pool';

const WORKFLOW = 'lead-intake';

/**
 * Takes a received lead to its customer and its rep: reserve identity keys -> register or
 * extend the customer -> route -> record ownership -> match and assign the lead. Each step
 * is idempotent, so running this again after a crash anywhere in between completes the lead
 * without duplicating anything. On a store that writes several streams in one append, the keys
 * are reserved with the customer's registration and the owner is recorded with the lead's
 * placement: after LeadReceived, three appends (keys and customer, pool, owner and lead) where
 * one stream at a time takes five or more (docs/architecture.md).
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

  const at = receivedEvent.metadata.occurredAt;
  const registered = await reserveAndRegisterAtOnce(store, { leadId, lead, at }, context);
  const resolution: CustomerResolution = registered
    ? { kind: 'one', customerId: registered }
    : await resolveCustomer(store, leadId, keys, context);
  if (resolution.kind === 'conflict') {
    await onLead({
      kind: 'FlagForReview',
      reason: 'identity keys belong to different customers',
      customerIds: resolution.customerIds,
    });
    return;
  }
  const { customerId } = resolution;
  const ofLead: LeadOfCustomer = { leadId, lead, customerId, at };
  const routed = await customerRoutings.run(customerId, () =>
    routeAndRecordOwner(store, ofLead, policy, context, registered !== null),
  );
  if (routed === 'placed') return;
  if (routed.kind === 'flag') {
    await onLead({ kind: 'FlagForReview', reason: routed.reason, customerIds: [customerId] });
    return;
  }
  // Matched and placed in one append: a lead is never seen matched but not yet assigned or queued.
  await onLead(...placementOf(customerId, routed));
}

/**
 * Routes the lead and records the owner the routing chose: with the lead's match and placement
 * in one append where the store can (one commit, and no moment when the customer has an owner
 * and the lead none), and then the lead is 'placed'; otherwise the owner alone, and the lead is
 * placed after, by what this returns.
 */
async function routeAndRecordOwner(
  store: EventStore,
  ofLead: LeadOfCustomer,
  policy: WorkflowPolicy,
  context: CommandContext,
  registered: boolean,
): Promise<CustomerRouting | 'placed'> {
  const routing = await routeForCustomer(store, ofLead, policy, context, registered);
  if (routing.kind === 'flag' || !routing.ownership) return routing;
  const { customerId, leadId } = ofLead;
  const together = [
    onStream(customerStreamId(customerId), customerDecider, routing.ownership),
    onStream(leadStreamId(leadId), leadDecider, ...placementOf(customerId, routing)),
  ];
  if (await handleOnStreamsAtOnce(store, together, context)) return 'placed';
  return recordOwnership(store, ofLead, routing, routing.ownership, context);
}

/** The lead's match to its customer and its placement with the rep, or in the pool's queue. */
function placementOf(customerId: string, { customer, repId, acceptBy, trace, poolId }: Placement): LeadCommand[] {
  const match: LeadCommand = { kind: 'MatchCustomer', customerId, isNewCustomer: customer.isNew };
  if (repId) return [match, { kind: 'AssignLead', repId, acceptBy, trace }];
  if (poolId) {
    const queue: LeadCommand = { kind: 'QueueLead', poolId, reason: 'no pool member was eligible' };
    return [match, trace.pool ? { ...queue, pool: trace.pool } : queue];
  }
  return [match];
}

interface Placement {
  readonly kind: 'place';
  readonly customer: MatchedCustomer;
  readonly repId: string | null;
  readonly acceptBy: string | null;
  readonly trace: AssignmentTrace;
  /** The pool that routed the lead: it queues there when nobody was eligible. */
  readonly poolId: string | null;
  /** The owner the routing chose, to record with the placement; null when the customer keeps theirs. */
  readonly ownership: CustomerCommand | null;
}

type CustomerRouting = { readonly kind: 'flag'; readonly reason: string } | Placement;

/**
 * Register or extend the customer (unless that was done with the keys) -> route: what the lead
 * is then matched and placed by, and the owner to record.
 */
async function routeForCustomer(
  store: EventStore,
  ofLead: LeadOfCustomer,
  policy: WorkflowPolicy,
  context: CommandContext,
  registered: boolean,
): Promise<CustomerRouting> {
  const { leadId, lead, customerId, at } = ofLead;
  if (!registered) await onCustomer(store, customerId, context, customerRegistration(ofLead), ...keyAdditions(ofLead));

  const customer = await matchedCustomer(store, customerId, leadId);
  const route = routeLead({ channel: lead.channel, receivedBy: lead.receivedBy, poolId: lead.poolId, customer });
  if (isRefusal(route)) return { kind: 'flag', reason: `${route.code}: ${route.message}` };

  let repId: string | null;
  let terms: OwnershipTerms = defaultTerms(policy);
  let acceptBy: string | null = null;
  let trace: AssignmentTrace;
  if (route.rule === 'pool-rotation') {
    const routed = await routeInPool(store, route.poolId, leadId, at, policy.timeZone, context);
    if (routed.kind === 'refused') return { kind: 'flag', reason: `${routed.code}: ${routed.message}` };
    terms = routed.pool;
    repId = routed.kind === 'assigned' ? routed.repId : null;
    acceptBy = acceptByAfter(at, routed.pool.acceptanceSlaMinutes);
    const note = routed.kind === 'assigned' ? 'chosen by the pool rotation' : 'nobody eligible';
    trace = { rule: 'pool-rotation', pool: routed.trace, note };
  } else {
    repId = route.repId;
    trace = { rule: route.rule, pool: null, note: explain(route.rule, route.repId) };
  }
  const poolId = route.rule === 'pool-rotation' ? route.poolId : null;
  const ownership: CustomerCommand | null =
    repId && route.rule !== 'existing-customer'
      ? {
          kind: 'AssignOwnership',
          repId,
          via: route.rule,
          reason: trace.note,
          protectionDays: terms.protectionDays,
          warningDays: terms.warningDays,
          leadId,
          at,
        }
      : null;
  return { kind: 'place', customer, repId, acceptBy, trace, poolId, ownership };
}

/** Records the routing's owner on its own; a refusal means the lead follows whoever owns the customer now. */
async function recordOwnership(
  store: EventStore,
  { leadId, customerId }: LeadOfCustomer,
  routing: Placement,
  ownership: CustomerCommand,
  context: CommandContext,
): Promise<CustomerRouting> {
  const [owned] = await onCustomer(store, customerId, context, ownership);
  if (!isRefusal(owned)) return routing;
  // A colleague became the owner while this lead was routed (same customer, same moment,
  // in another engine): the customer keeps one owner and the lead follows them.
  const now = await matchedCustomer(store, customerId, leadId);
  if (!now.ownerId) return { kind: 'flag', reason: `${owned.code}: ${owned.message}` };
  return {
    ...routing,
    repId: now.ownerId,
    acceptBy: null,
    trace: {
      rule: 'existing-customer',
      pool: routing.trace.pool,
      note: `${now.ownerId} became the owner while this lead was routed`,
    },
    ownership: null,
  };
}

function onCustomer(store: EventStore, customerId: string, context: CommandContext, ...commands: CustomerCommand[]) {
  return handleCommandsTogether(store, customerStreamId(customerId), customerDecider, commands, context, {
    retriesOnConflict: 20,
  });
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
