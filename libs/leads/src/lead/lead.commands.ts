import type { RoutingTrace } from '@leadledger/routing';
import type { DisqualificationReason } from './lead-channel';
import type { AssignmentTrace, LeadReceivedData, ReviewEvidence } from './lead.events';

export type LeadCommand =
  | ({ readonly kind: 'ReceiveLead' } & LeadReceivedData)
  | { readonly kind: 'MatchCustomer'; readonly customerId: string; readonly isNewCustomer: boolean }
  | { readonly kind: 'FlagForReview'; readonly reason: string; readonly customerIds: readonly string[] }
  /** A manager decides which customer a flagged lead belongs to; nothing is merged or deleted. */
  | {
      readonly kind: 'ResolveReview';
      readonly customerId: string;
      readonly reason: string;
      readonly evidence: readonly ReviewEvidence[];
    }
  | {
      readonly kind: 'AssignLead';
      readonly repId: string;
      readonly acceptBy: string | null;
      readonly trace: AssignmentTrace;
    }
  | {
      readonly kind: 'QueueLead';
      readonly poolId: string;
      readonly reason: string;
      /** The pool's trace: every member and why it was skipped. */
      readonly pool?: RoutingTrace;
    }
  | { readonly kind: 'AcceptLead'; readonly repId: string }
  | { readonly kind: 'DeclineLead'; readonly repId: string; readonly reason: string }
  | { readonly kind: 'ExpireAcceptance'; readonly at: string }
  | { readonly kind: 'QualifyLead'; readonly repId: string; readonly note: string }
  | {
      readonly kind: 'DisqualifyLead';
      readonly repId: string | null;
      readonly reason: DisqualificationReason;
      readonly note: string;
    }
  /** A rep takes a lead nobody holds (waiting in a pool's queue, or back from a decline, expiry or release). */
  | { readonly kind: 'ClaimLead'; readonly repId: string }
  /** Its rep departed and released everything to the shared pool. */
  | { readonly kind: 'ReleaseLead'; readonly reason: string }
  /** A sale was recorded from the lead for its customer; the lead's stream names the lead. */
  | { readonly kind: 'ConvertLead'; readonly saleId: string; readonly customerId: string };
