import type { MinorSum } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';
import type { LedgerLine, LineKind } from '../engine/ledger-line';
import { LineTotals, type PeriodTotals, byText, payeeKey } from '../engine/line-totals';
import type { Statement } from '../engine/statement';
import type { Payee, PayeeKind } from '../periods/commission-periods.events';
import { SqlCommissionBook } from './sql-book';

const lines = (rows: unknown[]): LedgerLine[] =>
  (rows as { json: string }[]).map((r) => JSON.parse(r.json) as LedgerLine);

/** A ledger line as statements show it: with the sale's external id (contract number) beside the engine's id. */
export interface StatementLine extends LedgerLine {
  readonly saleExternalId: string | null;
}

/** A statement from the ledger's tables: its lines carry the sale's external id. */
export interface LedgerStatement extends Statement {
  readonly lines: readonly StatementLine[];
}

/**
 * A payee's lines posted to one period, or to the periods after `after` (every earlier one
 * when null) up to `through`, in posting order, each with its sale's external id from the
 * ledger's sale book.
 */
export function statementLines(
  db: ReadModelConnection,
  payee: Payee,
  range: { readonly period: string } | { readonly after: string | null; readonly through: string },
): StatementLine[] {
  const [after, through] = 'period' in range ? [null, range.period] : [range.after, range.through];
  const rows = db
    .prepare(
      `SELECT l.json, json_extract(s.json, '$.sale.externalId') AS external_id
       FROM ledger_lines l LEFT JOIN ledger_sales s ON s.sale_id = l.sale_id
       WHERE l.payee_kind = ? AND l.payee_id = ? AND l.period ${'period' in range ? '=' : '<='} ?
         AND (? IS NULL OR l.period > ?)
       ORDER BY l.seq`,
    )
    .all(payee.kind, payee.id, through, after, after) as { json: string; external_id: string | null }[];
  return rows.map((r) => ({ ...(JSON.parse(r.json) as LedgerLine), saleExternalId: r.external_id ?? null }));
}

/** Whether the ledger has ever posted a line to the payee (one probe of its index). */
export function ledgerKnowsPayee(db: ReadModelConnection, payee: Payee): boolean {
  return (
    db
      .prepare('SELECT 1 FROM ledger_balances WHERE payee_kind = ? AND payee_id = ? LIMIT 1')
      .get(payee.kind, payee.id) !== undefined
  );
}

interface BalanceRow {
  readonly payee_kind: PayeeKind;
  readonly payee_id: string;
  readonly currency: string;
  readonly period: string;
  readonly kind: LineKind;
  readonly amount: MinorSum;
}

const SUMS = 'SELECT payee_kind, payee_id, currency, period, kind, amount FROM ledger_balances';

/** The sums read as bigint: SQLite keeps them exact in 64 bits, a JavaScript number would round them. */
const sumRows = (db: ReadModelConnection, sql: string, ...params: unknown[]): BalanceRow[] =>
  db
    .prepare(sql)
    .safeIntegers(true)
    .all(...params) as BalanceRow[];

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
  return { payee, period, lines: lines(inPeriod), totals: statementTotals(db, payee, period) };
}

/** The statement as finance reads it: `ledgerStatement` with each line's sale external id (contract number). */
export function financeStatement(db: ReadModelConnection, payee: Payee, period: string): LedgerStatement {
  return { payee, period, lines: statementLines(db, payee, { period }), totals: statementTotals(db, payee, period) };
}

function statementTotals(db: ReadModelConnection, payee: Payee, period: string) {
  const sums = sumRows(
    db,
    `${SUMS} WHERE payee_kind = ? AND payee_id = ? AND period <= ?`,
    payee.kind,
    payee.id,
    period,
  );
  return totalsOf(sums, period).get(payeeKey(payee))?.totals ?? [];
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
  return totalsOf(sumRows(db, `${SUMS} WHERE period <= ?`, period), period);
}

/** One line by its id (`<source event id>:<n>`), or null. */
export function ledgerLine(db: ReadModelConnection, lineId: string): LedgerLine | null {
  return lines(db.prepare('SELECT json FROM ledger_lines WHERE line_id = ?').all(lineId))[0] ?? null;
}

export function ledgerLinesOfSale(db: ReadModelConnection, saleId: string): LedgerLine[] {
  return lines(db.prepare('SELECT json FROM ledger_lines WHERE sale_id = ? ORDER BY seq').all(saleId));
}

/** What a payout run for `period` would pay: every payee's positive balance through it, from the sums (exact). */
export function payoutPreview(db: ReadModelConnection, period: string) {
  const due: { payee: Payee; currency: string; due: MinorSum }[] = [];
  for (const { payee, totals } of ledgerTotalsThrough(db, period).values()) {
    for (const { currency, closingDue } of totals) if (closingDue > 0n) due.push({ payee, currency, due: closingDue });
  }
  const key = (b: (typeof due)[number]) => `${payeeKey(b.payee)}|${b.currency}`;
  return due.sort((a, b) => byText(key(a), key(b)));
}

export function ledgerClosedThrough(db: ReadModelConnection): string | null {
  return new SqlCommissionBook(db).closedThrough();
}

/**
 * The accrued line with the latest business time, when it is posted to `fromPeriod` or later
 * (a line is never posted before its natural period, so the latest accrual at or after an
 * instant of `fromPeriod` is this one); null otherwise. What a plan version taking effect in
 * `fromPeriod` would have to leave alone. One row, kept by the ledger as lines are posted.
 */
export function latestAccrualFrom(db: ReadModelConnection, fromPeriod: string): LedgerLine | null {
  const latest = new SqlCommissionBook(db).latestAccrual();
  return latest !== null && latest.period >= fromPeriod ? latest : null;
}
