import type { MinorUnits } from '@leadledger/kernel';

/**
 * Payout runs and manual adjustments share one stream, so an adjustment is always posted
 * to a period that is still open when it is written.
 */
export const COMMISSION_PERIODS_STREAM = 'commission-periods';

export const PAYEE_KINDS = ['rep', 'partner'] as const;
export type PayeeKind = (typeof PAYEE_KINDS)[number];

export interface Payee {
  readonly kind: PayeeKind;
  readonly id: string;
}

/** A manager or finance corrects a payee's balance; the reason is mandatory. */
export interface CommissionAdjusted {
  readonly type: 'CommissionAdjusted';
  readonly data: {
    readonly adjustmentId: string;
    readonly payee: Payee;
    readonly currency: string;
    /** Signed: positive pays more, negative takes back. */
    readonly amount: MinorUnits;
    /** The open period it is posted to. */
    readonly period: string;
    readonly reason: string;
    /** Optional pointer at what is being corrected (a sale id, a line id). */
    readonly reference: string | null;
    /** The dispute whose resolution posted this adjustment; absent for an adjustment made by hand. */
    readonly disputeId?: string;
  };
}

/** One payee's payout in a run: exactly its positive due balance for the period. */
export interface CommissionPaidOut {
  readonly type: 'CommissionPaidOut';
  readonly data: {
    readonly payoutRunId: string;
    readonly period: string;
    readonly payee: Payee;
    readonly currency: string;
    readonly amount: MinorUnits;
  };
}

/** The run's last event: the period and every earlier one are closed for good. */
export interface PeriodClosed {
  readonly type: 'PeriodClosed';
  readonly data: {
    readonly payoutRunId: string;
    readonly period: string;
    /** The ledger was read up to this global log position when the payouts were computed (decimal string). */
    readonly ledgerPosition: string;
    readonly payeesPaid: number;
    readonly totals: readonly { readonly currency: string; readonly amount: MinorUnits }[];
  };
}

export type CommissionPeriodsEvent = CommissionAdjusted | CommissionPaidOut | PeriodClosed;
