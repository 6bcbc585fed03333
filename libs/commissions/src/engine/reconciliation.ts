import type { Payee } from '../periods/commission-periods.events';
import type { LedgerLine } from './ledger-line';
import { type PeriodTotals, byText, totalsOfLines } from './line-totals';
import type { StatementTotals } from './statement';

type Movements = Omit<StatementTotals, 'currency'>;

export interface ReconciliationRow extends StatementTotals {
  readonly payee: Payee;
  /** The same figures from the independent replay of sales, payments and plans. */
  readonly control: Movements;
  readonly matches: boolean;
}

export interface ReconciliationTotal extends StatementTotals {
  readonly control: Movements;
  readonly matches: boolean;
}

export interface Reconciliation {
  readonly period: string;
  readonly payees: readonly ReconciliationRow[];
  /** Per currency: the sum over payees, beside the control total. */
  readonly totals: readonly ReconciliationTotal[];
  /** True only when every payee and every total matches to the minor unit. */
  readonly matches: boolean;
}

const FIGURES = ['opening', 'accrued', 'clawedBack', 'adjusted', 'paid', 'closingDue'] as const;
const zero: Movements = { opening: 0n, accrued: 0n, clawedBack: 0n, adjusted: 0n, paid: 0n, closingDue: 0n };
const figures = (t: Movements | undefined): Movements =>
  t ? (Object.fromEntries(FIGURES.map((f) => [f, t[f]])) as unknown as Movements) : zero;
/** Exact: every figure is a bigint sum, so equal means equal to the minor unit at any size. */
const same = (a: Movements, b: Movements) => FIGURES.every((f) => a[f] === b[f]);
const add = (a: Movements, b: Movements): Movements =>
  Object.fromEntries(FIGURES.map((f) => [f, a[f] + b[f]])) as unknown as Movements;

/**
 * Finance's check of a period: every payee's statement totals from the ledger read model
 * beside the same totals from an independent replay, and the totals of both, per currency.
 * Both sides arrive grouped by payee, so the cost is the number of payees, not of lines.
 */
export function reconcileTotals(period: string, ledger: PeriodTotals, control: PeriodTotals): Reconciliation {
  const rows: ReconciliationRow[] = [];
  for (const key of [...new Set([...ledger.keys(), ...control.keys()])].sort(byText)) {
    // Never undefined: every key comes from one of the two maps (the `?.` and the `continue` are
    // for the types; their mutants are equivalent).
    const payee = (control.get(key) ?? ledger.get(key))?.payee;
    if (!payee) continue;
    const mineAll = ledger.get(key)?.totals ?? [];
    const theirsAll = control.get(key)?.totals ?? [];
    const currencies = [...new Set([...mineAll, ...theirsAll].map((t) => t.currency))].sort(byText);
    for (const currency of currencies) {
      const mine = figures(mineAll.find((t) => t.currency === currency));
      const theirs = figures(theirsAll.find((t) => t.currency === currency));
      rows.push({ payee, currency, ...mine, control: theirs, matches: same(mine, theirs) });
    }
  }
  const currencies = [...new Set(rows.map((r) => r.currency))].sort(byText);
  const totals = currencies.map((currency): ReconciliationTotal => {
    const ofCurrency = rows.filter((r) => r.currency === currency);
    const ledgerSum = ofCurrency.reduce((sum, r) => add(sum, figures(r)), zero);
    const controlSum = ofCurrency.reduce((sum, r) => add(sum, r.control), zero);
    return { currency, ...ledgerSum, control: controlSum, matches: same(ledgerSum, controlSum) };
  });
  const matches = rows.every((r) => r.matches) && totals.every((t) => t.matches);
  return { period, payees: rows, totals, matches };
}

/** The same check from two lists of lines, each folded once. */
export function reconcile(
  period: string,
  ledgerLines: readonly LedgerLine[],
  controlLines: readonly LedgerLine[],
): Reconciliation {
  return reconcileTotals(
    period,
    totalsOfLines(ledgerLines).through(period),
    totalsOfLines(controlLines).through(period),
  );
}
