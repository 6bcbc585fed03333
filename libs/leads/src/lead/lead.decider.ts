import { type Decider, type Decision, type Refusal, assertNever, refuse } from '@leadledger/kernel';
import type { LeadCommand } from './lead.commands';
import type { LeadEvent } from './lead.events';
import { differingLeadFields } from './lead-request-comparison';
import { type ExistingLead, type LeadState, evolveLead, holderOf, initialLeadState } from './lead.state';

type Command<K extends LeadCommand['kind']> = Extract<LeadCommand, { kind: K }>;

/**
 * Flagged and not yet resolved. Only a received lead carries the flag (every other status is
 * built without it), so `s.status === 'received'` as `true` is an equivalent mutant; the test
 * is there for the types.
 */
const awaitsReview = (s: ExistingLead): boolean => s.status === 'received' && s.flaggedForReview;

function notAssignedTo(state: ExistingLead, repId: string): Refusal | null {
  const owner = holderOf(state);
  return owner === repId
    ? null
    : refuse('NotAssignedToRep', 'The lead is not assigned to this rep', { assignedTo: owner, status: state.status });
}

function assign(c: Command<'AssignLead'>, s: ExistingLead): Decision<LeadEvent> {
  if (s.status === 'disqualified')
    return refuse('LeadClosed', 'The lead is closed', { status: s.status, reason: s.reason });
  if (s.status === 'converted')
    return refuse('LeadClosed', 'The lead converted into a sale', { status: s.status, saleIds: s.saleIds });
  const handOff = c.trace.rule === 'hand-off';
  if ((s.status === 'accepted' || s.status === 'qualified') && !handOff) {
    return refuse('LeadAlreadyAccepted', 'The lead was already accepted', { repId: s.repId, status: s.status });
  }
  if (awaitsReview(s)) {
    return refuse('LeadNeedsReview', 'The lead matches two customers and waits for review', { leadId: s.lead.leadId });
  }
  if (holderOf(s) === c.repId)
    return refuse('AlreadyAssignedToRep', 'The lead is already this rep’s', { repId: c.repId });
  return [
    { type: 'LeadAssigned', data: { leadId: s.lead.leadId, repId: c.repId, acceptBy: c.acceptBy, trace: c.trace } },
  ];
}

/** Claiming is accepting: the rep chose the lead, so no acceptance deadline runs. */
function claim(c: Command<'ClaimLead'>, s: ExistingLead): Decision<LeadEvent> {
  if (s.status === 'accepted' && s.repId === c.repId && s.via === 'claim') return [];
  const facts = { status: s.status, repId: holderOf(s) };
  if (awaitsReview(s)) return refuse('LeadNotClaimable', 'The lead matches two customers and waits for review', facts);
  if (s.status !== 'received' && s.status !== 'queued')
    return refuse('LeadNotClaimable', 'The lead is held by a rep or closed', facts);
  const leadId = s.lead.leadId;
  const note =
    s.status === 'queued' ? `${c.repId} claimed it from the queue of pool ${s.poolId}` : `${c.repId} claimed it`;
  return [
    {
      type: 'LeadAssigned',
      data: { leadId, repId: c.repId, acceptBy: null, trace: { rule: 'claim', pool: null, note } },
    },
    { type: 'LeadAccepted', data: { leadId, repId: c.repId } },
  ];
}

/** A manager chooses the customer of a flagged lead among those the flag named, with a reason. */
function resolveReview(c: Command<'ResolveReview'>, s: ExistingLead): Decision<LeadEvent> {
  // As in awaitsReview, `s.status !== 'received'` as `false` is equivalent; here it narrows `s` for the types.
  if (s.status !== 'received' || !s.flaggedForReview)
    return refuse('LeadNotFlagged', 'Only a lead flagged for review can be resolved', { status: s.status });
  const candidates = s.reviewCustomerIds ?? [];
  if (candidates.length > 0 && !candidates.includes(c.customerId)) {
    return refuse('CustomerNotInReview', 'The flag named other customers', { customerIds: candidates });
  }
  if (c.reason.trim() === '') return refuse('ReasonRequired', 'A review needs a reason');
  const data = { leadId: s.lead.leadId, customerId: c.customerId, reason: c.reason.trim(), evidence: c.evidence };
  return [{ type: 'LeadReviewResolved', data }];
}

function release(c: Command<'ReleaseLead'>, s: ExistingLead): Decision<LeadEvent> {
  if (s.status !== 'assigned' && s.status !== 'accepted' && s.status !== 'qualified')
    return refuse('LeadNotHeld', 'Only a lead a rep holds can be released', { status: s.status });
  if (c.reason.trim() === '') return refuse('ReasonRequired', 'A release needs a reason');
  return [{ type: 'LeadReleased', data: { leadId: s.lead.leadId, repId: s.repId, reason: c.reason.trim() } }];
}

/** A lead converts once per sale, from any status but disqualified, and only for its own customer. */
function convert(c: Command<'ConvertLead'>, s: ExistingLead): Decision<LeadEvent> {
  if (s.status === 'disqualified')
    return refuse('LeadDisqualified', 'A disqualified lead cannot bring a sale', { reason: s.reason });
  if (s.status === 'converted' && s.saleIds.includes(c.saleId)) return [];
  if (s.customerId !== c.customerId) {
    return refuse('LeadOfAnotherCustomer', "The lead is not this customer's", {
      leadCustomerId: s.customerId,
      customerId: c.customerId,
    });
  }
  return [{ type: 'LeadConverted', data: { leadId: s.lead.leadId, saleId: c.saleId, customerId: c.customerId } }];
}

function decideExisting(c: LeadCommand, s: ExistingLead): Decision<LeadEvent> {
  const leadId = s.lead.leadId;
  switch (c.kind) {
    case 'ReceiveLead': {
      // The same external id or Idempotency-Key with another body is a different lead under a reused key.
      const { kind: _kind, ...retried } = c;
      const fields = differingLeadFields(s.lead, retried);
      if (fields.length > 0) {
        return refuse('IdempotencyKeyReused', 'This external id or Idempotency-Key was used for a different lead', {
          leadId,
          fields,
        });
      }
      return refuse('LeadAlreadyReceived', 'This lead was already received', { leadId, status: s.status });
    }
    case 'MatchCustomer':
      if (s.customerId === c.customerId) return [];
      if (s.customerId)
        return refuse('LeadAlreadyMatched', 'The lead belongs to another customer', { customerId: s.customerId });
      return [
        { type: 'LeadMatchedToCustomer', data: { leadId, customerId: c.customerId, isNewCustomer: c.isNewCustomer } },
      ];
    case 'FlagForReview':
      // Flagged once: a retried intake finds the flag already up and writes nothing.
      if (awaitsReview(s)) return [];
      if (s.status !== 'received')
        return refuse('LeadAlreadyRouted', 'Only a lead not yet routed can be flagged', { status: s.status });
      return [{ type: 'LeadFlaggedForReview', data: { leadId, reason: c.reason, customerIds: c.customerIds } }];
    case 'ResolveReview':
      return resolveReview(c, s);
    case 'AssignLead':
      return assign(c, s);
    case 'QueueLead':
      // Only a lead nobody holds: a drain that assigned it first must not be undone by a late queue step.
      if (s.status !== 'received') {
        return refuse('LeadNotRoutable', 'Only a lead nobody holds can wait in a pool', { status: s.status });
      }
      return [
        {
          type: 'LeadQueued',
          data: { leadId, poolId: c.poolId, reason: c.reason, ...(c.pool ? { pool: c.pool } : {}) },
        },
      ];
    case 'AcceptLead':
      if (s.status === 'accepted' && s.repId === c.repId) return [];
      if (s.status !== 'assigned')
        return refuse('LeadNotAwaitingAcceptance', 'The lead is not waiting to be accepted', { status: s.status });
      return notAssignedTo(s, c.repId) ?? [{ type: 'LeadAccepted', data: { leadId, repId: c.repId } }];
    case 'DeclineLead':
      if (s.status !== 'assigned')
        return refuse('LeadNotAwaitingAcceptance', 'Only an assigned lead can be declined', { status: s.status });
      return (
        notAssignedTo(s, c.repId) ?? [{ type: 'LeadDeclined', data: { leadId, repId: c.repId, reason: c.reason } }]
      );
    case 'ExpireAcceptance':
      if (s.status !== 'assigned' || s.acceptBy === null) {
        return refuse('LeadNotAwaitingAcceptance', 'The lead has no acceptance deadline running', { status: s.status });
      }
      // Instants, not ISO strings: '+010000-01-01' sorts before '2026-…' as text.
      if (Date.parse(c.at) < Date.parse(s.acceptBy))
        return refuse('AcceptanceNotDue', 'The acceptance deadline has not passed', { acceptBy: s.acceptBy });
      return [{ type: 'LeadAcceptanceExpired', data: { leadId, repId: s.repId, acceptBy: s.acceptBy } }];
    case 'QualifyLead':
      if (s.status !== 'accepted')
        return refuse('LeadNotAccepted', 'Only an accepted lead can be qualified', { status: s.status });
      return notAssignedTo(s, c.repId) ?? [{ type: 'LeadQualified', data: { leadId, repId: c.repId, note: c.note } }];
    case 'DisqualifyLead':
      if (s.status === 'disqualified')
        return refuse('LeadClosed', 'The lead is already disqualified', { reason: s.reason });
      if (s.status === 'converted')
        return refuse('LeadClosed', 'The lead converted into a sale', { status: s.status, saleIds: s.saleIds });
      if (c.repId !== null) {
        const refusal = notAssignedTo(s, c.repId);
        if (refusal) return refusal;
      }
      return [{ type: 'LeadDisqualified', data: { leadId, repId: c.repId, reason: c.reason, note: c.note } }];
    case 'ClaimLead':
      return claim(c, s);
    case 'ReleaseLead':
      return release(c, s);
    case 'ConvertLead':
      return convert(c, s);
    default:
      return assertNever(c);
  }
}

/**
 * One lead's life: received -> (matched) -> assigned -> accepted -> qualified, or
 * disqualified; declined or expired leads go back to be routed again, released ones to
 * the shared pool. A rep may claim a lead nobody holds. A lead converts with each sale
 * recorded from it, from any status but disqualified.
 */
export const leadDecider: Decider<LeadCommand, LeadState, LeadEvent> = {
  initialState: initialLeadState,
  decide(command, state) {
    if (state.status !== 'absent') return decideExisting(command, state);
    if (command.kind !== 'ReceiveLead') return refuse('LeadNotFound', 'No such lead', {});
    const { kind: _kind, ...data } = command;
    return [{ type: 'LeadReceived', data }];
  },
  evolve: evolveLead,
};
