import { startOfBusinessDay } from '@leadledger/customers';
import type { MinorUnits } from '@leadledger/kernel';
import type { Attribution } from '../engine/attribution';
import type { LedgerLine } from '../engine/ledger-line';
import type { Payee } from '../periods/commission-periods.events';
import { nextPeriod } from '../plan/commission-periods';
import type { CommissionPlan } from '../plan/commission-plan';

/** The instants a period of a plan's calendar starts and ends (exclusive). */
export function periodBounds(period: string, plan: CommissionPlan): { readonly from: string; readonly to: string } {
  // A quarter (2026-Q2) starts with its first month (2026-4-01: the day is read as numbers).
  const firstDay = (id: string) => {
    const [year, quarter] = id.split('-Q');
    return quarter === undefined ? `${id}-01` : `${year}-${(Number(quarter) - 1) * 3 + 1}-01`;
  };
  return {
    from: startOfBusinessDay(firstDay(period), plan.timeZone),
    to: startOfBusinessDay(firstDay(nextPeriod(period)), plan.timeZone),
  };
}

/** A line as the what-if shows it: who, what, how much, and the arithmetic that made it. */
export interface WhatIfLine {
  readonly payee: Payee;
  readonly role: LedgerLine['role'];
  readonly kind: LedgerLine['kind'];
  readonly rule: LedgerLine['rule'];
  readonly naturalPeriod: string;
  readonly amount: MinorUnits;
  readonly arithmetic: string;
}

export interface SaleUnderPlan {
  readonly planId: string;
  readonly version: number;
  readonly attributionClass: Attribution['attributionClass'];
  readonly lines: readonly WhatIfLine[];
}

export interface SaleWhatIf {
  readonly saleId: string;
  readonly externalId: string;
  readonly closedAt: string;
  readonly currency: string;
  readonly amount: MinorUnits;
  readonly creditedRepId: string;
  readonly actual: SaleUnderPlan;
  /** Null when the sale is in another currency than the draft's: the draft cannot pay it. */
  readonly whatIf: SaleUnderPlan | null;
}

/** A sum in minor units: a number while safe, else a string of its digits (as every ledger sum). */
export type JsonSum = number | string;

export interface PayeeWhatIf {
  readonly payee: Payee;
  readonly currency: string;
  readonly actual: JsonSum;
  readonly whatIf: JsonSum;
  readonly difference: JsonSum;
}

export interface PlanWhatIfResult {
  readonly sales: readonly SaleWhatIf[];
  /** Per payee and currency, every line the period's sales produced (accruals less clawbacks). */
  readonly payees: readonly PayeeWhatIf[];
  readonly totals: readonly Omit<PayeeWhatIf, 'payee'>[];
  /** Sales left out of the what-if because they are not in the draft's currency. */
  readonly otherCurrencySales: number;
}
