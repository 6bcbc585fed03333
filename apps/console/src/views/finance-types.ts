/** The commission answers the console reads (docs/api.md, "Commissions"); amounts are minor units. */
import { isoDay } from '../format';

export type Amount = number | string;

export interface Figures {
  readonly opening: Amount;
  readonly accrued: Amount;
  readonly clawedBack: Amount;
  readonly adjusted: Amount;
  readonly paid: Amount;
  readonly closingDue: Amount;
}

export interface StatementLine {
  readonly lineId: string;
  readonly kind: string;
  readonly rule: string | null;
  readonly currency: string;
  readonly amount: Amount;
  readonly occurredAt: string;
  readonly sourceEventIds: readonly string[];
  readonly saleExternalId: string | null;
  readonly planId: string | null;
  readonly planVersion: number | null;
  readonly arithmetic: string | null;
  readonly note: string | null;
}

export interface Statement {
  readonly period: string;
  readonly lines: readonly StatementLine[];
  readonly totals: readonly (Figures & { currency: string })[];
}

export interface Reconciliation {
  readonly period: string;
  readonly payees: readonly (Figures & {
    payee: { kind: string; id: string };
    currency: string;
    control: Figures;
    matches: boolean;
  })[];
  readonly matches: boolean;
}

export interface PayoutPreview {
  readonly period: string;
  readonly payouts: readonly { payee: { kind: string; id: string }; currency: string; amount: Amount }[];
}

export interface PayoutRun {
  readonly payoutRunId: string;
  readonly period: string;
  readonly payeesPaid?: number;
}

/** The month before this one (in the zone `isoDay` counts days in), as the plans' calendar names it (2026-10). */
export function lastMonth(now: Date = new Date(), timeZone?: string): string {
  const [year, month] = isoDay(0, now, timeZone).split('-').map(Number);
  return new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
}
