import type { ReadModelConnection } from '@leadledger/projections';
import type { LedgerLine, LineKind } from '../engine/ledger-line';
import { LineTotals, type PeriodTotals, byText, payeeKey } from '../engine/line-totals';
import type { Statement } from '../engine/statement';
import type { Payee, PayeeKind } from '../periods/commission-periods.events';
import { SqlCommissionBook } from './sql-book';

const lines = (rows: unknown[]): LedgerLine[] =>
  (rows as { json: string }[]).map((r) => JSON.parse(r.json) as LedgerLine);

interface BalanceRow {
  readonly payee_kind: PayeeKind;
  readonly payee_id: string;
  readonly currency: string;
  readonly period: string;
  readonly kind: LineKind;
  readonly amount: number;
}

const SUMS = 'SELECT payee_kind, payee_id, currency, period, kind, amount FROM ledger_balances';

function totalsOf(rows: readonly BalanceRow[], period: string): PeriodTotals {
  const totals = new LineTotals();
  for (const r of rows) totals.add({ kind: r.payee_kind, id: r.payee_id }, r.currency, r.period, r.kind, r.amount);
  return totals.through(period);
}

/**
 * A payee's statement for a period: the period's own lines, and totals from the ledger's
 * sums by the one statement rule (opening = every earlier period), so a payee's older
 * history costs a few sums, not all its lines.
 */
export function ledgerStatement(db: ReadModelConnection, payee: Payee, period: string): Statement {
  const inPeriod = db
    .prepare('SELECT json FROM ledger_lines WHERE payee_kind = ? AND payee_id = ? AND period = ? ORDER BY seq')
    .all(payee.kind, payee.id, period);
  const sums = db
    .prepare(`${SUMS} WHERE payee_kind = ? AND payee_id = ? AND period <= ?`)
    .all(payee.kind, payee.id, period) as BalanceRow[];
  const totals = totalsOf(sums, period).get(payeeKey(payee))?.totals ?? [];
  return { payee, period, lines: lines(inPeriod), totals };
}

/** Every line posted up to and including `period`, in the order they were posted. */
export function ledgerLinesThrough(db: ReadModelConnection, period: string): LedgerLine[] {
  return lines(db.prepare('SELECT json FROM ledger_lines WHERE period <= ? ORDER BY seq').all(period));
}

/**
 * Every payee's statement totals for `period` from the ledger's sums (`ledger_balances`),
 * one range of its key: the rows read grow with payees and periods, not with lines.
 */
export function ledgerTotalsThrough(db: ReadModelConnection, period: string): PeriodTotals {
  return totalsOf(db.prepare(`${SUMS} WHERE period <= ?`).all(period) as BalanceRow[], period);
}

export function ledgerLinesOfSale(db: ReadModelConnection, saleId: string): LedgerLine[] {
  return lines(db.prepare('SELECT json FROM ledger_lines WHERE sale_id = ? ORDER BY seq').all(saleId));
}

/** What a payout run for `period` would pay: every payee's positive balance through it, from the sums. */
export function payoutPreview(db: ReadModelConnection, period: string) {
  const due: { payee: Payee; currency: string; due: number }[] = [];
  for (const { payee, totals } of ledgerTotalsThrough(db, period).values()) {
    for (const { currency, closingDue } of totals) if (closingDue > 0) due.push({ payee, currency, due: closingDue });
  }
  const key = (b: (typeof due)[number]) => `${payeeKey(b.payee)}|${b.currency}`;
  return due.sort((a, b) => byText(key(a), key(b)));
}

export function ledgerClosedThrough(db: ReadModelConnection): string | null {
  return new SqlCommissionBook(db).closedThrough();
}
