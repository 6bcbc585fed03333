import type { MinorUnits } from '@leadledger/kernel';
import type { SaleRecorded } from '@leadledger/sales';
import type { Payee } from '../periods/commission-periods.events';
import type { CommissionBasis, CommissionPlan } from '../plan/commission-plan';
import type { Attribution, CustomerFacts, LeadFacts } from './attribution';
import type { LedgerLine, LineRule, PayeeRole } from './ledger-line';

/** The facts attribution needs: plans, customers and leads, as the log has told them so far. */
export interface FactsBook {
  plans(): readonly CommissionPlan[];
  addPlan(plan: CommissionPlan): void;
  customer(customerId: string): CustomerFacts | null;
  putCustomer(facts: CustomerFacts): void;
  lead(leadId: string): LeadFacts | null;
  putLead(facts: LeadFacts): void;
}

/** One payee's share of an undivided amount, and how much of it is still not clawed back. */
export interface GroupLine {
  readonly lineId: string;
  readonly payee: Payee;
  readonly role: PayeeRole;
  readonly amount: MinorUnits;
  readonly remaining: MinorUnits;
}

/** An undivided accrual (one tier segment, the flat amount, a top-up, a partner fee) and its lines. */
export interface AccrualGroup {
  readonly groupId: string;
  readonly rule: LineRule;
  readonly rateBps: number | null;
  readonly multiplierBps: number | null;
  /** What still stands of the base the group accrued on: each clawback takes its part of it. */
  readonly base: MinorUnits | null;
  /** The finder's share when the group was split between finder and owner. */
  readonly shareBps: number | null;
  readonly lines: readonly GroupLine[];
}

/** The part of a sale one basis pays on: how much of the sale is covered by accruals still standing. */
export interface Track {
  readonly basis: CommissionBasis;
  readonly cover: MinorUnits;
  readonly groups: readonly AccrualGroup[];
}

/** Everything the ledger remembers of one sale. */
export interface SaleBook {
  readonly sale: SaleRecorded['data'];
  readonly attribution: Attribution;
  readonly plan: CommissionPlan;
  readonly collectedTotal: MinorUnits;
  readonly refundedTotal: MinorUnits;
  readonly cancelled: boolean;
  readonly rate: Track;
  readonly partner: Track | null;
  /** Undivided rate, flat and minimum amounts accrued so far, for the cap per sale. */
  readonly capUsed: MinorUnits;
  readonly flatGranted: boolean;
  readonly minimumGranted: boolean;
  readonly partnerMinimumGranted: boolean;
}

/** The ledger's whole memory; kept in SQLite by the projection and in maps by the control total. */
export interface CommissionBook extends FactsBook {
  sale(saleId: string): SaleBook | null;
  putSale(book: SaleBook): void;
  /** A rep's credited base so far in a period (for tiers). */
  tierBase(repId: string, period: string, currency: string): MinorUnits;
  /** Sets the base after the event at `position` (kept as history by the read model, for line replays). */
  setTierBase(repId: string, period: string, currency: string, base: MinorUnits, position: bigint): void;
  closedThrough(): string | null;
  setClosedThrough(period: string): void;
  addLines(lines: readonly LedgerLine[]): void;
}
