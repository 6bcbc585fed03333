import type { ReadModelConnection } from '@leadledger/projections';
import type { LedgerLine } from '../engine/ledger-line';
import { type Statement, dueBalances, statementOf } from '../engine/statement';
import type { Payee } from '../periods/commission-periods.events';
import { SqlCommissionBook } from './sql-book';

const lines = (rows: unknown[]): LedgerLine[] =>
  (rows as { json: string }[]).map((r) => JSON.parse(r.json) as LedgerLine);

/** A payee's statement for a period: its lines through that period, folded by the one statement rule. */
export function ledgerStatement(db: ReadModelConnection, payee: Payee, period: string): Statement {
  const rows = db
    .prepare('SELECT json FROM ledger_lines WHERE payee_kind = ? AND payee_id = ? AND period <= ? ORDER BY seq')
    .all(payee.kind, payee.id, period);
  return statementOf(payee, period, lines(rows));
}

/** Every line posted up to and including `period`, in the order they were posted. */
export function ledgerLinesThrough(db: ReadModelConnection, period: string): LedgerLine[] {
  return lines(db.prepare('SELECT json FROM ledger_lines WHERE period <= ? ORDER BY seq').all(period));
}

export function ledgerLinesOfSale(db: ReadModelConnection, saleId: string): LedgerLine[] {
  return lines(db.prepare('SELECT json FROM ledger_lines WHERE sale_id = ? ORDER BY seq').all(saleId));
}

/** What a payout run for `period` would pay: every payee's positive balance through it. */
export function payoutPreview(db: ReadModelConnection, period: string) {
  return dueBalances(ledgerLinesThrough(db, period), period).filter((b) => b.due > 0);
}

export function ledgerClosedThrough(db: ReadModelConnection): string | null {
  return new SqlCommissionBook(db).closedThrough();
}
