import { type CustomerCommand, type IdentityKey, customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommandsTogether, loadState } from '@leadledger/event-store';
import { NotFoundError, isRefusal } from '@leadledger/kernel';
import {
  type AssignmentTrace,
  type LeadCommand,
  type LeadReceivedData,
  type MatchedCustomer,
  leadDecider,
  leadStreamId,
  routeLead,
} from '@leadledger/leads';
import { type OwnershipTerms, type WorkflowPolicy, acceptByAfter, defaultTerms } from '../lead-routing/ownership-terms';
import { workflowContext } from './intake-context';
import { matchedCustomer } from './matched-customer';
import { OneAtATime } from './one-at-a-time';
import { resolveCustomer } from './resolve-customer';
import { routeInPool } from './route-in-pool';

const WORKFLOW = 'lead-intake';

/**
 * Leads of one customer route one at a time in this process. Two leads of a new customer
 * arriving together (a form sent twice) would otherwise both ask the pool before either
 * recorded the owner: the second then follows the owner, but the pool had counted a turn for
 * a rep who never got the lead. Each step stays idempotent, so nothing here is needed for
 * correctness after a crash; engines sharing one file can still race (docs/architecture.md).
 */
const customerRoutings = new OneAtATime();

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
  const routed = await customerRoutings.run(customerId, () =>
    routeForCustomer(store, { leadId, lead, customerId, at: receivedEvent.metadata.occurredAt }, policy, context),
  );
  if (routed.kind === 'flag') {
    await onLead({ kind: 'FlagForReview', reason: routed.reason, customerIds: [customerId] });
    return;
  }
  const { customer, repId, acceptBy, trace, poolId } = routed;
  const match: LeadCommand = { kind: 'MatchCustomer', customerId, isNewCustomer: customer.isNew };
  const placement: LeadCommand[] = repId
    ? [{ kind: 'AssignLead', repId, acceptBy, trace }]
    : poolId
      ? [{ kind: 'QueueLead', poolId, reason: 'no pool member was eligible' }]
      : [];
  // Matched and placed in one append: a lead is never seen matched but not yet assigned or queued.
  await onLead(match, ...placement);
}

type CustomerRouting =
  | { readonly kind: 'flag'; readonly reason: string }
  | {
      readonly kind: 'place';
      readonly customer: MatchedCustomer;
      readonly repId: string | null;
      readonly acceptBy: string | null;
      readonly trace: AssignmentTrace;
      /** The pool that routed the lead: it queues there when nobody was eligible. */
      readonly poolId: string | null;
    };

interface LeadOfCustomer {
  readonly leadId: string;
  readonly lead: LeadReceivedData;
  readonly customerId: string;
  /** The lead's business time. */
  readonly at: string;
}

/** Register or extend the customer -> route -> record ownership: what the lead is then matched and placed by. */
async function routeForCustomer(
  store: EventStore,
  { leadId, lead, customerId, at }: LeadOfCustomer,
  policy: WorkflowPolicy,
  context: CommandContext,
): Promise<CustomerRouting> {
  const onCustomer = (...commands: CustomerCommand[]) =>
    handleCommandsTogether(store, customerStreamId(customerId), customerDecider, commands, context, {
      retriesOnConflict: 20,
    });
  const keys = lead.identityKeys as readonly IdentityKey[];
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
      // A colleague became the owner while this lead was routed (same customer, same moment,
      // in another engine): the customer keeps one owner and the lead follows them.
      const now = await matchedCustomer(store, customerId, leadId);
      if (!now.ownerId) return { kind: 'flag', reason: `${owned.code}: ${owned.message}` };
      return {
        kind: 'place',
        customer,
        repId: now.ownerId,
        acceptBy: null,
        trace: {
          rule: 'existing-customer',
          pool: trace.pool,
          note: `${now.ownerId} became the owner while this lead was routed`,
        },
        poolId,
      };
    }
  }
  return { kind: 'place', customer, repId, acceptBy, trace, poolId };
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
