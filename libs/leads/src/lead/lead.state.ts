import { assertNever } from '@leadledger/kernel';
import type { AssignmentTrace, LeadEvent, LeadReceivedData } from './lead.events';

interface Open {
  readonly lead: LeadReceivedData;
  readonly customerId: string | null;
  /** Reps the lead was offered to and who declined or let it expire, oldest first. */
  readonly passedOver: readonly string[];
}

/** A lead some rep holds, and the rule that gave it to them (a claimed lead re-claimed by its rep is a retry). */
interface Held {
  readonly repId: string;
  readonly via: AssignmentTrace['rule'];
}

export type LeadState =
  | { readonly status: 'absent' }
  | (Open & {
      readonly status: 'received';
      readonly flaggedForReview: boolean;
      /** The customers the flag named (absent in states stored before reviews could be resolved). */
      readonly reviewCustomerIds?: readonly string[];
    })
  | (Open & { readonly status: 'queued'; readonly poolId: string })
  | (Open & Held & { readonly status: 'assigned'; readonly acceptBy: string | null })
  | (Open & Held & { readonly status: 'accepted' })
  | (Open & Held & { readonly status: 'qualified' })
  | (Open & { readonly status: 'disqualified'; readonly reason: string })
  /** Sales were recorded from it, oldest first; `repId` is who held it then (null when nobody did). */
  | (Open & { readonly status: 'converted'; readonly repId: string | null; readonly saleIds: readonly string[] });

export type ExistingLead = Exclude<LeadState, { status: 'absent' }>;
export type LeadStatus = ExistingLead['status'];
export const LEAD_STATUSES: readonly LeadStatus[] = [
  'received',
  'queued',
  'assigned',
  'accepted',
  'qualified',
  'disqualified',
  'converted',
];
/** Statuses in which a rep holds the lead: what a departure or hand-over must move (a converted lead is done work). */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['assigned', 'accepted', 'qualified'];

export const initialLeadState: LeadState = { status: 'absent' };

/** The rep holding the lead now, if any. */
export const holderOf = (state: LeadState): string | null => ('repId' in state ? state.repId : null);

/** The customer the lead was matched to, if any: a sale from the lead must be that customer's. */
export const leadCustomerId = (state: LeadState): string | null =>
  state.status === 'absent' ? null : state.customerId;

// Acceptance and qualification always follow an assignment (a claim emits both in one decision).
const viaOf = (state: ExistingLead): Held['via'] => ('via' in state ? state.via : 'claim');

function evolveExisting(s: ExistingLead, e: LeadEvent): LeadState {
  const open: Open = { lead: s.lead, customerId: s.customerId, passedOver: s.passedOver };
  switch (e.type) {
    case 'LeadReceived':
      return s;
    case 'LeadMatchedToCustomer':
      return { ...s, customerId: e.data.customerId };
    case 'LeadFlaggedForReview':
      return { ...open, status: 'received', flaggedForReview: true, reviewCustomerIds: e.data.customerIds };
    case 'LeadReviewResolved':
      return { ...open, status: 'received', flaggedForReview: false };
    case 'LeadAssigned':
      // A hand-off of an accepted lead keeps it accepted; everything else awaits acceptance.
      if (e.data.trace.rule === 'hand-off' && (s.status === 'accepted' || s.status === 'qualified')) {
        return { ...s, repId: e.data.repId, via: 'hand-off' };
      }
      return { ...open, status: 'assigned', repId: e.data.repId, acceptBy: e.data.acceptBy, via: e.data.trace.rule };
    case 'LeadQueued':
      return { ...open, status: 'queued', poolId: e.data.poolId };
    case 'LeadAccepted':
      return { ...open, status: 'accepted', repId: e.data.repId, via: viaOf(s) };
    case 'LeadDeclined':
    case 'LeadAcceptanceExpired':
      return { ...open, status: 'received', flaggedForReview: false, passedOver: [...s.passedOver, e.data.repId] };
    case 'LeadQualified':
      return { ...open, status: 'qualified', repId: e.data.repId, via: viaOf(s) };
    case 'LeadDisqualified':
      return { ...open, status: 'disqualified', reason: e.data.reason };
    case 'LeadReleased':
      return { ...open, status: 'received', flaggedForReview: false };
    case 'LeadConverted': {
      const saleIds = s.status === 'converted' ? [...s.saleIds, e.data.saleId] : [e.data.saleId];
      return { ...open, status: 'converted', repId: holderOf(s), saleIds };
    }
    default:
      return assertNever(e);
  }
}

/** Folds one lead event; the lifecycle's one copy, used by the decider and the lead board alike. */
export function evolveLead(state: LeadState, event: LeadEvent): LeadState {
  if (state.status !== 'absent') return evolveExisting(state, event);
  if (event.type !== 'LeadReceived') return state;
  return { status: 'received', lead: event.data, customerId: null, passedOver: [], flaggedForReview: false };
}
