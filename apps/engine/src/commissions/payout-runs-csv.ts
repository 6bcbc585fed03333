import type { PayoutRunDetail, PayoutRunSummary } from '@leadledger/commissions';
import { csvTable } from './csv-table';

/** Column names are a contract with payroll and BI imports: add at the end, never rename. */
export const PAYOUT_RUN_LIST_COLUMNS = [
  'payout_run_id',
  'period',
  'previous_period',
  'closed_at',
  'recorded_at',
  'actor_id',
  'actor_role',
  'ledger_position',
  'payees_paid',
  'currency',
  'total_minor',
] as const;

/** One row per run and currency (a run that paid nobody: one row without a currency), newest first. */
export function payoutRunListCsv({ runs }: { readonly runs: readonly PayoutRunSummary[] }): string {
  const rows = runs.flatMap((run) => {
    const common = {
      payout_run_id: run.payoutRunId,
      period: run.period,
      previous_period: run.previousPeriod,
      closed_at: run.closedAt,
      recorded_at: run.recordedAt,
      actor_id: run.actor.id,
      actor_role: run.actor.role,
      ledger_position: run.ledgerPosition,
      payees_paid: run.payeesPaid,
    };
    if (run.totals.length === 0) return [common];
    return run.totals.map((t) => ({ ...common, currency: t.currency, total_minor: t.amount }));
  });
  return csvTable(rows, PAYOUT_RUN_LIST_COLUMNS);
}

export const PAYOUT_RUN_COLUMNS = [
  'payout_run_id',
  'period',
  'closed_at',
  'actor_id',
  'row',
  'payee_kind',
  'payee_id',
  'currency',
  'amount_minor',
  'payout_line_id',
  'carried_in_minor',
  'line_id',
  'line_period',
  'natural_period',
  'kind',
  'rule',
  'role',
  'occurred_at',
  'sale_id',
  'sale_external_id',
  'payment_id',
  'refund_id',
  'adjustment_id',
  'plan_id',
  'plan_version',
  'arithmetic',
] as const;

/**
 * Per payment one `row=payment` (amount paid, the payout line, the balance carried in),
 * then one `row=line` per statement line it settled; amount_minor of the lines plus
 * carried_in_minor equals the payment's amount_minor.
 */
export function payoutRunCsv(run: PayoutRunDetail): string {
  const head = { payout_run_id: run.payoutRunId, period: run.period, closed_at: run.closedAt, actor_id: run.actor.id };
  const rows = run.payments.flatMap((p) => {
    const payee = { payee_kind: p.payee.kind, payee_id: p.payee.id, currency: p.currency };
    const payment = {
      ...head,
      row: 'payment',
      ...payee,
      amount_minor: p.amount,
      payout_line_id: p.lineId,
      carried_in_minor: p.carriedIn,
    };
    const lines = p.settledLines.map((l) => ({
      ...head,
      row: 'line',
      ...payee,
      amount_minor: l.amount,
      payout_line_id: p.lineId,
      line_id: l.lineId,
      line_period: l.period,
      natural_period: l.naturalPeriod,
      kind: l.kind,
      rule: l.rule,
      role: l.role,
      occurred_at: l.occurredAt,
      sale_id: l.saleId,
      sale_external_id: l.saleExternalId,
      payment_id: l.paymentId,
      refund_id: l.refundId,
      adjustment_id: l.adjustmentId,
      plan_id: l.planId,
      plan_version: l.planVersion,
      arithmetic: l.arithmetic,
    }));
    return [payment, ...lines];
  });
  return csvTable(rows, PAYOUT_RUN_COLUMNS);
}
