import type { MinorUnits } from '@leadledger/kernel';

/** Stream of one dispute: `dispute-<disputeId>`. */
export const disputeStreamId = (disputeId: string): string => `dispute-${disputeId}`;

/** What a rep contests: who owns a customer, where a lead went, or one line of the commission ledger. */
export const DISPUTE_SUBJECT_KINDS = ['customer-ownership', 'lead-assignment', 'ledger-line'] as const;
export type DisputeSubjectKind = (typeof DISPUTE_SUBJECT_KINDS)[number];

export interface DisputeSubject {
  readonly kind: DisputeSubjectKind;
  /** The customer id, the lead id or the ledger line id. */
  readonly id: string;
}

/** What the claimant points at; references only, the manager opens each one. */
export const EVIDENCE_KINDS = ['follow-up', 'lead', 'sale', 'ledger-line', 'event'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceRef {
  readonly kind: EvidenceKind;
  /** A lead id, sale id or line id; for a follow-up, the id of its FollowUpLogged event. */
  readonly id: string;
}

/** The customer moves to a rep as of a chosen business time (an ordinary TransferCustomer). */
export interface TransferRemedy {
  readonly customerId: string;
  readonly toRepId: string;
  readonly effectiveAt: string;
}

/** A commission adjustment naming the dispute (an ordinary AdjustCommission); its id makes it run once. */
export interface AdjustmentRemedy {
  readonly adjustmentId: string;
  readonly repId: string;
  /** Signed minor units: positive pays the rep more, negative takes back. */
  readonly amount: MinorUnits;
  readonly currency: string;
  /** The open period to post to; null for the period the resolution falls in (or the next open one). */
  readonly period: string | null;
}

/** What upholding carries out; both empty for a rejection or an upheld claim that needs no change. */
export interface DisputeRemedy {
  readonly transfer: TransferRemedy | null;
  readonly adjustments: readonly AdjustmentRemedy[];
}

/** A rep contests ownership, an assignment or a ledger line, in words, with references. */
export interface DisputeOpened {
  readonly type: 'DisputeOpened';
  readonly data: {
    readonly disputeId: string;
    readonly claimantRepId: string;
    readonly subject: DisputeSubject;
    /** The rep holding the subject when the dispute opened (owner, assignee, payee); null when none. */
    readonly respondentRepId: string | null;
    readonly claim: string;
    readonly evidence: readonly EvidenceRef[];
    /** Who opened it: the claimant's own key, or a manager on their behalf. */
    readonly openedBy: string;
    readonly openedAt: string;
  };
}

/** A note on an open dispute by a party or a manager. */
export interface DisputeCommented {
  readonly type: 'DisputeCommented';
  readonly data: {
    readonly disputeId: string;
    readonly commentId: string;
    readonly authorId: string;
    readonly authorRole: string;
    readonly text: string;
    readonly at: string;
  };
}

/**
 * A manager's decision, final: upheld (with the remedy carried out as ordinary commands whose
 * events name this event as their causation) or rejected. Nothing changes the dispute afterwards.
 */
export interface DisputeResolved {
  readonly type: 'DisputeResolved';
  readonly data: {
    readonly disputeId: string;
    readonly outcome: 'upheld' | 'rejected';
    readonly reason: string;
    readonly resolvedBy: string;
    readonly resolvedAt: string;
    readonly remedy: DisputeRemedy;
  };
}

export type DisputeEvent = DisputeOpened | DisputeCommented | DisputeResolved;
export type DisputeEventType = DisputeEvent['type'];

export const DISPUTE_EVENT_TYPES: readonly DisputeEventType[] = [
  'DisputeOpened',
  'DisputeCommented',
  'DisputeResolved',
];
