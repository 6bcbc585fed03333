import { customerDecider, customerStreamId, identityKeyDecider, identityKeyStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { NotFoundError, type Refusal, isRefusal, refuse } from '@leadledger/kernel';
import {
  type AssignmentTrace,
  type LeadCommand,
  type ReviewEvidence,
  leadDecider,
  leadStreamId,
} from '@leadledger/leads';
import { routeInPool } from '../lead-intake/route-in-pool';
import { type OwnershipTerms, type WorkflowPolicy, acceptByAfter, defaultTerms } from '../lead-routing/ownership-terms';

export type ReviewTarget = { readonly repId: string } | { readonly poolId: string };

export interface ManagerRouting {
  readonly leadId: string;
  /** The customer a flagged lead belongs to; may be omitted when the flag named one customer or the lead has one. */
  readonly customerId: string | null;
  readonly target: ReviewTarget;
  readonly reason: string;
  readonly at: string;
}

/** Each key of the lead and the customer holding it now: the evidence a review records. */
export async function reviewEvidence(
  store: EventStore,
  keys: readonly { kind: string; value: string }[],
): Promise<ReviewEvidence[]> {
  const evidence: ReviewEvidence[] = [];
  for (const key of keys) {
    const stream = identityKeyStreamId(key as Parameters<typeof identityKeyStreamId>[0]);
    const { state } = await loadState(store, stream, identityKeyDecider);
    evidence.push({
      kind: key.kind,
      value: key.value,
      customerId: state.status === 'reserved' ? state.customerId : null,
    });
  }
  return evidence;
}

/**
 * A manager routes a lead nobody holds (flagged for review, or left unrouted) to a rep or a
 * pool, with a reason. A flagged lead first gets its customer (LeadReviewResolved with the
 * evidence of which key belonged to whom; nothing is merged or deleted), then is matched and
 * assigned. The customer goes to the rep unless a colleague protects it: that is refused
 * before anything is written. Returns the refusal, or null when the lead was routed.
 */
export async function routeLeadByManager(
  store: EventStore,
  routing: ManagerRouting,
  policy: WorkflowPolicy,
  context: CommandContext,
): Promise<Refusal | null> {
  const { leadId, target, reason, at } = routing;
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  if (lead.status === 'absent') throw new NotFoundError('lead', leadId);
  if (lead.status !== 'received') {
    return refuse('LeadNotRoutable', 'Only a lead nobody holds can be routed by hand', {
      status: lead.status,
      repId: 'repId' in lead ? lead.repId : null,
    });
  }
  const candidates = lead.flaggedForReview ? (lead.reviewCustomerIds ?? []) : [];
  const customerId = routing.customerId ?? lead.customerId ?? (candidates.length === 1 ? candidates[0] : null);
  if (!customerId) {
    return refuse('CustomerChoiceRequired', 'The lead matches several customers: name the one it belongs to', {
      customerIds: candidates,
    });
  }
  if (lead.flaggedForReview) {
    // Decided first, writing nothing: a customer the flag did not name is refused as that, not by its protection.
    const review = leadDecider.decide({ kind: 'ResolveReview', customerId, reason, evidence: [] }, lead);
    if (isRefusal(review)) return review;
  }
  const { state: customer } = await loadState(store, customerStreamId(customerId), customerDecider);
  if (customer.status === 'unregistered') throw new NotFoundError('customer', customerId);
  if ('repId' in target && customer.status === 'owned' && customer.owner.repId !== target.repId) {
    if (Date.parse(at) < Date.parse(customer.owner.protectedUntil)) {
      const { repId: ownerId, protectedUntil } = customer.owner;
      return refuse('CustomerProtected', 'A colleague owns this customer and it is still protected', {
        ownerId,
        protectedUntil,
      });
    }
  }
  const onLead = (command: LeadCommand) =>
    handleCommand(store, leadStreamId(leadId), leadDecider, command, context, { retriesOnConflict: 20 });
  if (lead.flaggedForReview) {
    const evidence = await reviewEvidence(store, lead.lead.identityKeys);
    const resolved = await onLead({ kind: 'ResolveReview', customerId, reason, evidence });
    if (isRefusal(resolved)) return resolved;
  }
  const matched = await onLead({ kind: 'MatchCustomer', customerId, isNewCustomer: false });
  if (isRefusal(matched)) return matched;

  let repId: string | null;
  let terms: OwnershipTerms = defaultTerms(policy);
  let acceptBy: string | null = null;
  let trace: AssignmentTrace;
  if ('repId' in target) {
    repId = target.repId;
    trace = { rule: 'manager-routing', pool: null, note: `${context.actorId} routed it to ${repId}: ${reason}` };
  } else {
    const routed = await routeInPool(store, target.poolId, leadId, at, policy.timeZone, context);
    if (routed.kind === 'refused') return refuse(routed.code, routed.message, { poolId: target.poolId });
    terms = routed.pool;
    repId = routed.kind === 'assigned' ? routed.repId : null;
    acceptBy = acceptByAfter(at, routed.pool.acceptanceSlaMinutes);
    trace = {
      rule: 'manager-routing',
      pool: routed.trace,
      note: `${context.actorId} sent it to pool ${target.poolId}: ${reason}`,
    };
  }
  if (!repId) {
    const poolId = (target as { poolId: string }).poolId;
    const queued = await onLead({ kind: 'QueueLead', poolId, reason, ...(trace.pool ? { pool: trace.pool } : {}) });
    return isRefusal(queued) ? queued : null;
  }
  const command = {
    kind: 'AssignOwnership',
    repId,
    via: 'manager-routing',
    reason: trace.note,
    leadId,
    at,
    ...terms,
  } as const;
  // A colleague's protection was checked above; one that started since keeps the customer, and the lead goes as routed.
  await handleCommand(store, customerStreamId(customerId), customerDecider, command, context, {
    retriesOnConflict: 20,
  });
  const assigned = await onLead({ kind: 'AssignLead', repId, acceptBy, trace });
  return isRefusal(assigned) ? assigned : null;
}
