import type { MinorSum, MinorUnits } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';
import type { Payee, PayeeKind } from '../periods/commission-periods.events';
import { type StatementLine, statementLines } from './commission-ledger.query';

export interface PayoutRunSummary {
  readonly payoutRunId: string;
  readonly period: string;
  /** The period closed before this run (null for the first run): the run settles what was posted after it. */
  readonly previousPeriod: string | null;
  /** When the run was made (the event's business time) and when the log recorded it. */
  readonly closedAt: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** The ledger was read up to this global log position when the payouts were computed. */
  readonly ledgerPosition: string;
  readonly payeesPaid: number;
  readonly totals: readonly { readonly currency: string; readonly amount: MinorUnits }[];
}

/**
 * One payee's payment in a run: `amount` = `carriedIn` (the balance through the previous
 * run's period: zero or negative as that run left it, or positive when a line was posted to
 * that period after the run had read the ledger and before it closed the period) + the sum of
 * `settledLines` (every line posted to the periods after it, up to the run's period, that the
 * run had read).
 */
export interface PayoutRunPayment {
  readonly payee: Payee;
  readonly currency: string;
  readonly amount: MinorUnits;
  /** The payout line the payment posted to the payee's ledger. */
  readonly lineId: string;
  /** A balance: a sum of lines, exact in bigint. */
  readonly carriedIn: MinorSum;
  readonly settledLines: readonly StatementLine[];
}

export interface PayoutRunDetail extends PayoutRunSummary {
  readonly payments: readonly PayoutRunPayment[];
}

interface RunRow {
  readonly payout_run_id: string;
  readonly period: string;
  readonly previous_period: string | null;
  readonly closed_at: string;
  readonly recorded_at: string;
  readonly actor_id: string;
  readonly actor_role: string;
  readonly ledger_position: string;
  readonly payees_paid: number;
  readonly totals_json: string;
}

const summaryOf = (r: RunRow): PayoutRunSummary => ({
  payoutRunId: r.payout_run_id,
  period: r.period,
  previousPeriod: r.previous_period,
  closedAt: r.closed_at,
  recordedAt: r.recorded_at,
  actor: { id: r.actor_id, role: r.actor_role },
  ledgerPosition: r.ledger_position,
  payeesPaid: r.payees_paid,
  totals: JSON.parse(r.totals_json) as PayoutRunSummary['totals'],
});

/** Runs newest first, `limit` at a time, before the period `before` (a cursor); `next` continues the list. */
export function listPayoutRuns(
  db: ReadModelConnection,
  page: { readonly limit: number; readonly before: string | null },
): { runs: PayoutRunSummary[]; next: string | null } {
  const rows = db
    .prepare('SELECT * FROM payout_runs WHERE (? IS NULL OR period < ?) ORDER BY period DESC LIMIT ?')
    .all(page.before, page.before, page.limit + 1) as RunRow[];
  const runs = rows.slice(0, page.limit).map(summaryOf);
  // The API's limit is at least 1 (PageLimit), so when there are more rows than the limit `runs` is not
  // empty: the `?.` is never needed (its mutant is equivalent); it keeps a limit of 0 safe.
  return { runs, next: rows.length > page.limit ? (runs.at(-1)?.period ?? null) : null };
}

/** The run that closed `period`: the first run of that period or a later one (a run closes every earlier period). */
export function payoutRunClosing(db: ReadModelConnection, period: string): PayoutRunSummary | null {
  const row = db.prepare('SELECT * FROM payout_runs WHERE period >= ? ORDER BY period LIMIT 1').get(period);
  return row ? summaryOf(row as RunRow) : null;
}

interface PaymentRow {
  readonly payee_kind: PayeeKind;
  readonly payee_id: string;
  readonly currency: string;
  readonly amount: number;
  readonly line_id: string;
}

/** The run for exactly `period`, with each payment and the lines it settled; reads that run's periods only. */
export function payoutRunOf(db: ReadModelConnection, period: string): PayoutRunDetail | null {
  const row = db.prepare('SELECT * FROM payout_runs WHERE period = ?').get(period) as RunRow | undefined;
  if (!row) return null;
  const run = summaryOf(row);
  const rows = db
    .prepare(
      `SELECT payee_kind, payee_id, currency, amount, line_id FROM payout_run_payments
       WHERE payout_run_id = ? ORDER BY payee_kind, payee_id, currency`,
    )
    .all(run.payoutRunId) as PaymentRow[];
  const carried = db
    .prepare(
      `SELECT coalesce(sum(amount), 0) AS amount FROM ledger_balances
       WHERE payee_kind = ? AND payee_id = ? AND currency = ? AND period <= ?`,
    )
    .safeIntegers(true);
  const read = BigInt(run.ledgerPosition);
  const payments = rows.map((p): PayoutRunPayment => {
    const payee: Payee = { kind: p.payee_kind, id: p.payee_id };
    // With no previous run the query would match no row (`period <= NULL`) and sum to 0 as well: the
    // test only saves the query, and its mutant to `false` is equivalent.
    const carriedIn =
      run.previousPeriod === null
        ? 0n
        : (carried.get(p.payee_kind, p.payee_id, p.currency, run.previousPeriod) as { amount: MinorSum }).amount;
    // The run's own payout lines come after `ledgerPosition` (the ledger is read before the run is
    // appended) and earlier runs' lie at or before the previous period, so the position and the range
    // already leave every payout line out: the `kind !== 'payout'` mutants are equivalent on any log the
    // periods decider writes; the test says what a settled line is.
    const settledLines = statementLines(db, payee, { after: run.previousPeriod, through: run.period }).filter(
      (l) => l.currency === p.currency && l.kind !== 'payout' && BigInt(l.position) <= read,
    );
    return { payee, currency: p.currency, amount: p.amount, lineId: p.line_id, carriedIn, settledLines };
  });
  return { ...run, payments };
}
