import type { MinorSum, MinorUnits } from '@leadledger/kernel';
import type { Payee } from '../periods/commission-periods.events';
import type { LedgerLine, LineKind } from './ledger-line';
import type { StatementTotals } from './statement';

/** One payee's statement totals for a period, one entry per currency in currency order. */
export interface PayeeTotals {
  readonly payee: Payee;
  readonly totals: readonly StatementTotals[];
}

/** Every payee with a line through the period, keyed by `payeeKey`. */
export type PeriodTotals = ReadonlyMap<string, PayeeTotals>;

export const payeeKey = (p: Payee): string => `${p.kind}|${p.id}`;

// Only ever a sort's comparison of distinct keys, and V8's sort asks only whether it is negative: `a <= b` for
// `a < b` and the four mutants of `a > b ? 1 : 0` are equivalent.
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Exact in bigint: enough lines at the largest amount sum beyond the safe integers. */
type KindSums = Record<LineKind, MinorSum>;
const noSums = (): KindSums => ({ accrual: 0n, clawback: 0n, adjustment: 0n, payout: 0n });
const allOf = (s: KindSums): MinorSum => s.accrual + s.clawback + s.adjustment + s.payout;

interface PayeeSums {
  readonly payee: Payee;
  /** currency -> period -> sums by kind. */
  readonly currencies: Map<string, Map<string, KindSums>>;
}

/**
 * Lines summed per payee, currency, period and kind as they are posted, so a period's
 * statement totals cost the number of those sums, never the number of lines. A sum is
 * kept even when it is zero: a payee with lines that cancel out still has a statement.
 */
export class LineTotals {
  private readonly payees = new Map<string, PayeeSums>();

  add(payee: Payee, currency: string, period: string, kind: LineKind, amount: MinorUnits | MinorSum): void {
    const key = payeeKey(payee);
    let entry = this.payees.get(key);
    if (!entry) this.payees.set(key, (entry = { payee, currencies: new Map() }));
    let periods = entry.currencies.get(currency);
    if (!periods) entry.currencies.set(currency, (periods = new Map()));
    let sums = periods.get(period);
    if (!sums) periods.set(period, (sums = noSums()));
    sums[kind] += BigInt(amount);
  }

  addLines(lines: readonly LedgerLine[]): void {
    for (const l of lines) this.add(l.payee, l.currency, l.period, l.kind, l.amount);
  }

  /** The rule of `statementOf`: opening is every earlier period, movements are this period's lines by kind. */
  through(period: string): PeriodTotals {
    const result = new Map<string, PayeeTotals>();
    for (const [key, { payee, currencies }] of this.payees) {
      const totals: StatementTotals[] = [];
      for (const [currency, periods] of [...currencies].sort(([a], [b]) => byText(a, b))) {
        const ofCurrency = statementTotals(currency, period, periods);
        if (ofCurrency) totals.push(ofCurrency);
      }
      if (totals.length > 0) result.set(key, { payee, totals });
    }
    return result;
  }
}

function statementTotals(currency: string, period: string, periods: Map<string, KindSums>): StatementTotals | null {
  let opening = 0n;
  let earlier = false;
  let current: KindSums | null = null;
  for (const [p, sums] of periods) {
    if (p < period) {
      opening += allOf(sums);
      earlier = true;
    } else if (p === period) current = sums;
  }
  if (!earlier && !current) return null;
  const now = current ?? noSums();
  return {
    currency,
    opening,
    accrued: now.accrual,
    clawedBack: now.clawback,
    adjusted: now.adjustment,
    paid: now.payout,
    closingDue: opening + allOf(now),
  };
}

/** Every line folded once; for callers that hold lines rather than sums. */
export function totalsOfLines(lines: readonly LedgerLine[]): LineTotals {
  const totals = new LineTotals();
  totals.addLines(lines);
  return totals;
}
