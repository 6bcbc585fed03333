import { customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { NotFoundError, type Refusal, isRefusal, refuse } from '@leadledger/kernel';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { poolDecider, poolStreamId } from '@leadledger/routing';
import { type OwnershipTerms, type WorkflowPolicy, defaultTerms, poolSettings } from './ownership-terms';

/**
 * A rep claims a lead nobody has (认领). A lead waiting in a pool's queue is taken off the
 * queue on the pool's stream first, which serialises rival claims and the queue's own
 * draining, so the first valid claim wins; then the lead and, if nobody owns it, the
 * customer go to the rep. Returns the refusal a losing claim gets, or null.
 */
export async function claimLead(
  store: EventStore,
  leadId: string,
  repId: string,
  at: string,
  policy: WorkflowPolicy,
  context: CommandContext,
): Promise<Refusal | null> {
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  if (lead.status === 'absent') throw new NotFoundError('lead', leadId);
  if (lead.status === 'queued') {
    const command = { kind: 'ClaimQueuedLead', poolId: lead.poolId, leadId, repId } as const;
    const taken = await handleCommand(store, poolStreamId(lead.poolId), poolDecider, command, context, {
      retriesOnConflict: 100,
    });
    if (isRefusal(taken))
      return refuse('LeadNotClaimable', 'Another rep or the pool took this lead first', {
        ...taken.facts,
        status: lead.status,
      });
  } else if (lead.status !== 'received' || lead.flaggedForReview) {
    return refuse('LeadNotClaimable', 'Only a lead nobody has can be claimed', {
      status: lead.status,
      repId: 'repId' in lead ? lead.repId : null,
    });
  }
  const terms = lead.lead.poolId ? await poolSettings(store, lead.lead.poolId) : null;
  return completeClaim(store, leadId, repId, at, terms ?? defaultTerms(policy), context);
}

/**
 * The lead's half of a claim, also run by the reactor after a crash between the pool's
 * step and this one. The customer is claimed too when nobody protects it.
 */
export async function completeClaim(
  store: EventStore,
  leadId: string,
  repId: string,
  at: string,
  terms: OwnershipTerms,
  context: CommandContext,
): Promise<Refusal | null> {
  const claimed = await handleCommand(store, leadStreamId(leadId), leadDecider, { kind: 'ClaimLead', repId }, context, {
    retriesOnConflict: 20,
  });
  if (isRefusal(claimed)) return claimed;
  const { state: lead } = await loadState(store, leadStreamId(leadId), leadDecider);
  const customerId = lead.status === 'absent' ? null : lead.customerId;
  if (customerId && lead.status !== 'absent') {
    const withLead = { leadId, passedOver: lead.passedOver };
    const command = { kind: 'ClaimCustomer', repId, at, withLead, ...terms } as const;
    // A customer a colleague protects stays theirs (the claim was for the lead), unless that
    // colleague got it through this lead and passed on it (a run-out SLA left it with them).
    await handleCommand(store, customerStreamId(customerId), customerDecider, command, context, {
      retriesOnConflict: 20,
    });
  }
  return null;
}
