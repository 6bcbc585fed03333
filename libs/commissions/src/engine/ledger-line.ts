import type { MinorUnits } from '@leadledger/kernel';
import type { Payee } from '../periods/commission-periods.events';
import type { AttributionClass } from '../plan/commission-plan';

export const LINE_KINDS = ['accrual', 'clawback', 'adjustment', 'payout'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/**
 * Which rule made the line: the class rate (split between owner and finder), the flat
 * amount per sale, the top-up to the minimum per sale, the referral partner's fee, a
 * manual adjustment or a payout.
 */
export type LineRule = 'rate' | 'flat' | 'minimum' | 'partner-fee' | 'adjustment' | 'payout';

/** Who a line pays in the sale: its owner at closedAt (or closer), the finder, or the referral partner. */
export type PayeeRole = 'owner' | 'finder' | 'partner';

/** One append-only ledger line with everything finance needs to trace it back. */
export interface LedgerLine {
  /** `<source event id>:<n>`: stable across rebuilds. */
  readonly lineId: string;
  readonly payee: Payee;
  readonly kind: LineKind;
  readonly rule: LineRule;
  /** The period the line is posted to; differs from `naturalPeriod` when that one was already closed. */
  readonly period: string;
  readonly naturalPeriod: string;
  readonly currency: string;
  /** Signed minor units: accruals positive, clawbacks and payouts negative. */
  readonly amount: MinorUnits;
  /** Business time of what produced the line (closedAt, receivedAt, refundedAt, the event's occurredAt). */
  readonly occurredAt: string;
  /** Global log position of the source event (decimal string), for ordering and audit. */
  readonly position: string;
  readonly sourceEventIds: readonly string[];
  readonly saleId: string | null;
  readonly paymentId: string | null;
  readonly refundId: string | null;
  readonly adjustmentId: string | null;
  readonly payoutRunId: string | null;
  readonly planId: string | null;
  readonly planVersion: number | null;
  readonly attributionClass: AttributionClass | null;
  readonly role: PayeeRole | null;
  readonly rateBps: number | null;
  readonly multiplierBps: number | null;
  /** The commission base this line was computed on (minor units), where a rate applied. */
  readonly base: MinorUnits | null;
  /** Lines split from one undivided amount share a group; their amounts sum exactly to `undividedAmount`. */
  readonly groupId: string | null;
  readonly undividedAmount: MinorUnits | null;
  /** The clawed-back line, for clawbacks. */
  readonly referencesLineId: string | null;
  /** "12,000.00 x 6.00% x 1.5 = 1,080.00" */
  readonly arithmetic: string;
  /** Why the line looks as it does where that is not obvious (late posting, cap, outside window). */
  readonly note: string | null;
}
