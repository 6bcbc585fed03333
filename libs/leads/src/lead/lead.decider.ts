import { type Decider, type Decision, type Refusal, assertNever, refuse } from '@leadledger/kernel';
import type { LeadCommand } from './lead.commands';
import type { LeadEvent } from './lead.events';

type Received = Extract<LeadEvent, { type: 'LeadReceived' }>['data'];

interface Open {
  readonly lead: Received;
  readonly customerId: string | null;
  /** Reps the lead was offered to and who declined or let it expire, oldest first. */
  readonly passedOver: readonly string[];
}

export type LeadState =
  | { readonly status: 'absent' }
  | (Open & { readonly status: 'received'; readonly flaggedForReview: boolean })
  | (Open & { readonly status: 'queued'; readonly poolId: string })
  | (Open & { readonly status: 'assigned'; readonly repId: string; readonly acceptBy: string | null })
  | (Open & { readonly status: 'accepted'; readonly repId: string })
  | (Open & { readonly status: 'qualified'; readonly repId: string })
  | (Open & { readonly status: 'disqualified'; readonly reason: string });

type Existing = Exclude<LeadState, { status: 'absent' }>;
type Command<K extends LeadCommand['kind']> = Extract<LeadCommand, { kind: K }>;

const ownerOf = (state: Existing): string | null => ('repId' in state ? state.repId : null);

function notAssignedTo(state: Existing, repId: string): Refusal | null {
  const owner = ownerOf(state);
  return owner === repId
    ? null
    : refuse('NotAssignedToRep', 'The lead is not assigned to this rep', { assignedTo: owner, status: state.status });
}

function assign(c: Command<'AssignLead'>, s: Existing): Decision<LeadEvent> {
  if (s.status === 'disqualified')
    return refuse('LeadClosed', 'The lead is closed', { status: s.status, reason: s.reason });
  const handOff = c.trace.rule === 'hand-off';
  if ((s.status === 'accepted' || s.status === 'qualified') && !handOff) {
    return refuse('LeadAlreadyAccepted', 'The lead was already accepted', { repId: s.repId, status: s.status });
  }
  if (s.status === 'received' && s.flaggedForReview) {
    return refuse('LeadNeedsReview', 'The lead matches two customers and waits for review', { leadId: s.lead.leadId });
  }
  if (ownerOf(s) === c.repId)
    return refuse('AlreadyAssignedToRep', 'The lead is already this rep’s', { repId: c.repId });
  return [
    { type: 'LeadAssigned', data: { leadId: s.lead.leadId, repId: c.repId, acceptBy: c.acceptBy, trace: c.trace } },
  ];
}

function decideExisting(c: LeadCommand, s: Existing): Decision<LeadEvent> {
  const leadId = s.lead.leadId;
  switch (c.kind) {
    case 'ReceiveLead':
      return refuse('LeadAlreadyReceived', 'This lead was already received', { leadId, status: s.status });
    case 'MatchCustomer':
      if (s.customerId === c.customerId) return [];
      if (s.customerId)
        return refuse('LeadAlreadyMatched', 'The lead belongs to another customer', { customerId: s.customerId });
      return [
        { type: 'LeadMatchedToCustomer', data: { leadId, customerId: c.customerId, isNewCustomer: c.isNewCustomer } },
      ];
    case 'FlagForReview':
      if (s.status !== 'received')
        return refuse('LeadAlreadyRouted', 'Only a lead not yet routed can be flagged', { status: s.status });
      return [{ type: 'LeadFlaggedForReview', data: { leadId, reason: c.reason, customerIds: c.customerIds } }];
    case 'AssignLead':
      return assign(c, s);
    case 'QueueLead':
      if (s.status !== 'received' && s.status !== 'assigned') {
        return refuse('LeadNotRoutable', 'Only a new or unaccepted lead can wait in a pool', { status: s.status });
      }
      return [{ type: 'LeadQueued', data: { leadId, poolId: c.poolId, reason: c.reason } }];
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
      if (c.at < s.acceptBy)
        return refuse('AcceptanceNotDue', 'The acceptance deadline has not passed', { acceptBy: s.acceptBy });
      return [{ type: 'LeadAcceptanceExpired', data: { leadId, repId: s.repId, acceptBy: s.acceptBy } }];
    case 'QualifyLead':
      if (s.status !== 'accepted')
        return refuse('LeadNotAccepted', 'Only an accepted lead can be qualified', { status: s.status });
      return notAssignedTo(s, c.repId) ?? [{ type: 'LeadQualified', data: { leadId, repId: c.repId, note: c.note } }];
    case 'DisqualifyLead':
      if (s.status === 'disqualified')
        return refuse('LeadClosed', 'The lead is already disqualified', { reason: s.reason });
      if (c.repId !== null) {
        const refusal = notAssignedTo(s, c.repId);
        if (refusal) return refusal;
      }
      return [{ type: 'LeadDisqualified', data: { leadId, repId: c.repId, reason: c.reason, note: c.note } }];
    default:
      return assertNever(c);
  }
}

function evolveExisting(s: Existing, e: LeadEvent): LeadState {
  const open: Open = { lead: s.lead, customerId: s.customerId, passedOver: s.passedOver };
  switch (e.type) {
    case 'LeadReceived':
      return s;
    case 'LeadMatchedToCustomer':
      return { ...s, customerId: e.data.customerId };
    case 'LeadFlaggedForReview':
      return { ...open, status: 'received', flaggedForReview: true };
    case 'LeadAssigned':
      // A hand-off of an accepted lead keeps it accepted; everything else awaits acceptance.
      if (e.data.trace.rule === 'hand-off' && (s.status === 'accepted' || s.status === 'qualified')) {
        return { ...s, repId: e.data.repId };
      }
      return { ...open, status: 'assigned', repId: e.data.repId, acceptBy: e.data.acceptBy };
    case 'LeadQueued':
      return { ...open, status: 'queued', poolId: e.data.poolId };
    case 'LeadAccepted':
      return { ...open, status: 'accepted', repId: e.data.repId };
    case 'LeadDeclined':
    case 'LeadAcceptanceExpired':
      return { ...open, status: 'received', flaggedForReview: false, passedOver: [...s.passedOver, e.data.repId] };
    case 'LeadQualified':
      return { ...open, status: 'qualified', repId: e.data.repId };
    case 'LeadDisqualified':
      return { ...open, status: 'disqualified', reason: e.data.reason };
    default:
      return assertNever(e);
  }
}

/**
 * One lead's life: received -> (matched) -> assigned -> accepted -> qualified, or
 * disqualified; declined or expired leads go back to be routed again.
 */
export const leadDecider: Decider<LeadCommand, LeadState, LeadEvent> = {
  initialState: { status: 'absent' },
  decide(command, state) {
    if (state.status !== 'absent') return decideExisting(command, state);
    if (command.kind !== 'ReceiveLead') return refuse('LeadNotFound', 'No such lead', {});
    const { kind: _kind, ...data } = command;
    return [{ type: 'LeadReceived', data }];
  },
  evolve(state, event) {
    if (state.status !== 'absent') return evolveExisting(state, event);
    if (event.type !== 'LeadReceived') return state;
    return { status: 'received', lead: event.data, customerId: null, passedOver: [], flaggedForReview: false };
  },
};
