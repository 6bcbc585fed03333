import type { Payee } from '../periods/commission-periods.events';
import type { LedgerLine } from './ledger-line';
import { type StatementTotals, statementOf } from './statement';

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
const zero: Movements = { opening: 0, accrued: 0, clawedBack: 0, adjusted: 0, paid: 0, closingDue: 0 };
const figures = (t: Movements | undefined): Movements =>
  t ? (Object.fromEntries(FIGURES.map((f) => [f, t[f]])) as unknown as Movements) : zero;
const same = (a: Movements, b: Movements) => FIGURES.every((f) => a[f] === b[f]);
const add = (a: Movements, b: Movements): Movements =>
  Object.fromEntries(FIGURES.map((f) => [f, a[f] + b[f]])) as unknown as Movements;

const payeeKey = (p: Payee) => `${p.kind}|${p.id}`;

function payeesOf(lines: readonly LedgerLine[]): Payee[] {
  const seen = new Map<string, Payee>();
  for (const l of lines) seen.set(payeeKey(l.payee), l.payee);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

/**
 * Finance's check of a period: every payee's statement from the ledger read model beside
 * the same statement from an independent replay, and the totals of both, per currency.
 */
export function reconcile(
  period: string,
  ledgerLines: readonly LedgerLine[],
  controlLines: readonly LedgerLine[],
): Reconciliation {
  const rows: ReconciliationRow[] = [];
  for (const payee of payeesOf([...ledgerLines, ...controlLines])) {
    const ledger = statementOf(payee, period, ledgerLines).totals;
    const control = statementOf(payee, period, controlLines).totals;
    const currencies = [...new Set([...ledger, ...control].map((t) => t.currency))].sort();
    for (const currency of currencies) {
      const mine = figures(ledger.find((t) => t.currency === currency));
      const theirs = figures(control.find((t) => t.currency === currency));
      rows.push({ payee, currency, ...mine, control: theirs, matches: same(mine, theirs) });
    }
  }
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const totals = currencies.map((currency): ReconciliationTotal => {
    const ofCurrency = rows.filter((r) => r.currency === currency);
    const ledger = ofCurrency.reduce((sum, r) => add(sum, figures(r)), zero);
    const control = ofCurrency.reduce((sum, r) => add(sum, r.control), zero);
    return { currency, ...ledger, control, matches: same(ledger, control) };
  });
  const matches = rows.every((r) => r.matches) && totals.every((t) => t.matches);
  return { period, payees: rows, totals, matches };
}
