import { type MinorSum, sumMinor } from '@leadledger/kernel';
import type { Payee } from '../periods/commission-periods.events';
import type { LedgerLine } from './ledger-line';

/**
 * One currency of a payee's statement: opening + accrued + clawedBack + adjusted + paid =
 * closingDue. Each is a sum of lines, exact in bigint (JSON shows it as a number while it
 * is a safe integer: see `jsonMinorSum`).
 */
export interface StatementTotals {
  readonly currency: string;
  readonly opening: MinorSum;
  readonly accrued: MinorSum;
  /** Negative or zero. */
  readonly clawedBack: MinorSum;
  readonly adjusted: MinorSum;
  /** Negative or zero: payouts reduce what is due. */
  readonly paid: MinorSum;
  readonly closingDue: MinorSum;
}

export interface Statement {
  readonly payee: Payee;
  readonly period: string;
  readonly lines: readonly LedgerLine[];
  readonly totals: readonly StatementTotals[];
}

/**
 * A payee's statement for a period from its lines: the opening balance is every earlier
 * period's lines, the movements are the lines posted to this period.
 */
export function statementOf(payee: Payee, period: string, lines: readonly LedgerLine[]): Statement {
  const own = lines.filter((l) => l.payee.kind === payee.kind && l.payee.id === payee.id && l.period <= period);
  const inPeriod = own.filter((l) => l.period === period);
  const currencies = [...new Set(own.map((l) => l.currency))].sort();
  const sum = (ls: readonly LedgerLine[]) => sumMinor(ls.map((l) => l.amount));
  const totals = currencies.map((currency): StatementTotals => {
    const of = (ls: readonly LedgerLine[], kind?: LedgerLine['kind']) =>
      sum(ls.filter((l) => l.currency === currency && (kind === undefined || l.kind === kind)));
    const opening = of(own.filter((l) => l.period < period));
    const movements = {
      accrued: of(inPeriod, 'accrual'),
      clawedBack: of(inPeriod, 'clawback'),
      adjusted: of(inPeriod, 'adjustment'),
      paid: of(inPeriod, 'payout'),
    };
    return { currency, opening, ...movements, closingDue: opening + of(inPeriod) };
  });
  return { payee, period, lines: inPeriod, totals };
}

/** Each payee's balance through `period`, per currency: what a payout run for that period would pay where positive. */
export function dueBalances(
  lines: readonly LedgerLine[],
  period: string,
): { payee: Payee; currency: string; due: MinorSum }[] {
  const balances = new Map<string, { payee: Payee; currency: string; due: MinorSum }>();
  for (const line of lines) {
    if (line.period > period) continue;
    const key = `${line.payee.kind}|${line.payee.id}|${line.currency}`;
    const entry = balances.get(key) ?? { payee: line.payee, currency: line.currency, due: 0n };
    balances.set(key, { ...entry, due: entry.due + BigInt(line.amount) });
  }
  // Keys are distinct and V8's sort asks only whether a comparison is negative: `a <= b` for `a < b` and the
  // four mutants of `a > b ? 1 : 0` are equivalent.
  return [...balances.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
