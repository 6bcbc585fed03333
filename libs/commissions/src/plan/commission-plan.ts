import type { MinorUnits, RoundingRule } from '@leadledger/kernel';

/** The class a sale is paid at (brief glossary: attribution). */
export const ATTRIBUTION_CLASSES = ['new-rep-sourced', 'new-company-provided', 'existing'] as const;
export type AttributionClass = (typeof ATTRIBUTION_CLASSES)[number];

/** booked: on recording; collected: pro rata to 回款; collected-in-full: once the net amount is fully paid. */
export const COMMISSION_BASES = ['booked', 'collected', 'collected-in-full'] as const;
export type CommissionBasis = (typeof COMMISSION_BASES)[number];

/** What the rate applies to; gross margin needs the sale's cost (without one, revenue is used). */
export const COMMISSION_AMOUNT_BASES = ['revenue', 'gross-margin'] as const;
export type CommissionAmountBase = (typeof COMMISSION_AMOUNT_BASES)[number];

export const PERIOD_LENGTHS = ['month', 'quarter'] as const;
export type PeriodLength = (typeof PERIOD_LENGTHS)[number];

/** For the part of a rep's credited base in a period above `aboveMinor`, the rate is multiplied by `multiplierBps` / 10000. */
export interface CommissionTier {
  readonly aboveMinor: MinorUnits;
  readonly multiplierBps: number;
}

/** A referral partner (渠道/中介) named on the lead earns a share of the sale's net amount, with a floor. */
export interface PartnerFeeRule {
  readonly shareBps: number;
  readonly basis: CommissionBasis;
  readonly minimumMinor: MinorUnits | null;
}

/** One published version of a commission plan; never changed once published. */
export interface CommissionPlan {
  readonly planId: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly currency: string;
  readonly periodLength: PeriodLength;
  /** IANA zone in which periods (months, quarters) begin and end. */
  readonly timeZone: string;
  readonly basis: CommissionBasis;
  readonly ratesBps: Readonly<Record<AttributionClass, number>>;
  readonly amountBase: CommissionAmountBase;
  /** Paid per credited sale on top of the rate (per-order pay of call-centre and order-entry staff). */
  readonly flatPerSaleMinor: MinorUnits | null;
  readonly newCustomerWindowDays: number;
  /** The finder's share of the commission when finder and owner differ; the owner keeps the rest. */
  readonly finderShareBps: number;
  /** Ascending thresholds; below the first the multiplier is 1. */
  readonly tiers: readonly CommissionTier[];
  readonly capPerSaleMinor: MinorUnits | null;
  /** A refund or cancellation this many days or fewer after closedAt claws back; later ones do not. */
  readonly clawbackWindowDays: number;
  readonly rounding: RoundingRule;
  readonly minimumPerSaleMinor: MinorUnits | null;
  readonly partnerFee: PartnerFeeRule | null;
}

/** The currencies these plan versions pay in, each once, in the order they were first published. */
export const currenciesOf = (plans: readonly CommissionPlan[]): string[] => [...new Set(plans.map((p) => p.currency))];
