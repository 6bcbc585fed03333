import type { RoutingTrace } from '@leadledger/routing';
import type { DisqualificationReason, LeadChannel } from './lead-channel';
import type { RoutingRule } from './lead-routing-rules';

export const leadStreamId = (leadId: string): string => `lead-${leadId}`;

/** The contact as the lead gave it; identity keys are the normalised form used for matching. */
export interface LeadContact {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly company: string | null;
}

export interface IdentityKeyRef {
  readonly kind: string;
  readonly value: string;
}

/** Why a lead went where it went: kept on the lead, shown by GET /leads/:id. */
export interface AssignmentTrace {
  readonly rule:
    RoutingRule | 'claim' | 'reassigned-after-sla' | 'reassigned-after-decline' | 'hand-off' | 'manager-routing';
  /** The pool's own trace (candidates, skips, rotation before/after, policy version), when a pool chose. */
  readonly pool: RoutingTrace | null;
  readonly note: string;
}

/** One identity key of the lead and the customer it belonged to when the review was resolved (null: nobody's). */
export interface ReviewEvidence {
  readonly kind: string;
  readonly value: string;
  readonly customerId: string | null;
}

export interface LeadReceivedData {
  readonly leadId: string;
  readonly channel: LeadChannel;
  readonly contact: LeadContact;
  readonly identityKeys: readonly IdentityKeyRef[];
  readonly externalId: string | null;
  readonly receivedBy: string | null;
  readonly referralPartnerId: string | null;
  readonly poolId: string | null;
}

export type LeadEvent =
  | { readonly type: 'LeadReceived'; readonly data: LeadReceivedData }
  | {
      readonly type: 'LeadMatchedToCustomer';
      readonly data: { readonly leadId: string; readonly customerId: string; readonly isNewCustomer: boolean };
    }
  | {
      readonly type: 'LeadFlaggedForReview';
      readonly data: { readonly leadId: string; readonly reason: string; readonly customerIds: readonly string[] };
    }
  | {
      /** A manager resolved the review: the lead belongs to `customerId`; `evidence` says which key matched whom. */
      readonly type: 'LeadReviewResolved';
      readonly data: {
        readonly leadId: string;
        readonly customerId: string;
        readonly reason: string;
        readonly evidence: readonly ReviewEvidence[];
      };
    }
  | {
      readonly type: 'LeadAssigned';
      readonly data: {
        readonly leadId: string;
        readonly repId: string;
        /** Accept by then, or the lead moves on; null where no SLA applies (the rep chose it). */
        readonly acceptBy: string | null;
        readonly trace: AssignmentTrace;
      };
    }
  | {
      readonly type: 'LeadQueued';
      readonly data: {
        readonly leadId: string;
        readonly poolId: string;
        readonly reason: string;
        /** The pool's trace: every member and why it was skipped (absent on leads queued before it was kept). */
        readonly pool?: RoutingTrace;
      };
    }
  | { readonly type: 'LeadAccepted'; readonly data: { readonly leadId: string; readonly repId: string } }
  | {
      readonly type: 'LeadDeclined';
      readonly data: { readonly leadId: string; readonly repId: string; readonly reason: string };
    }
  | {
      readonly type: 'LeadAcceptanceExpired';
      readonly data: { readonly leadId: string; readonly repId: string; readonly acceptBy: string };
    }
  | {
      readonly type: 'LeadQualified';
      readonly data: { readonly leadId: string; readonly repId: string; readonly note: string };
    }
  | {
      readonly type: 'LeadDisqualified';
      readonly data: {
        readonly leadId: string;
        readonly repId: string | null;
        readonly reason: DisqualificationReason;
        readonly note: string;
      };
    }
  | {
      /** Its rep departed and everything went back to the shared pool (公海): anyone may claim it. */
      readonly type: 'LeadReleased';
      readonly data: { readonly leadId: string; readonly repId: string; readonly reason: string };
    }
  | {
      /** A sale was recorded from this lead (成交); a lead may bring several sales, one event each. */
      readonly type: 'LeadConverted';
      readonly data: { readonly leadId: string; readonly saleId: string; readonly customerId: string };
    };

export type LeadEventType = LeadEvent['type'];

/** Every lead event type, for read models and reactors that filter the log. */
export const LEAD_EVENT_TYPES: readonly LeadEventType[] = [
  'LeadReceived',
  'LeadMatchedToCustomer',
  'LeadFlaggedForReview',
  'LeadReviewResolved',
  'LeadAssigned',
  'LeadQueued',
  'LeadAccepted',
  'LeadDeclined',
  'LeadAcceptanceExpired',
  'LeadQualified',
  'LeadDisqualified',
  'LeadReleased',
  'LeadConverted',
];
