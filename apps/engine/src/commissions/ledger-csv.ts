import type { LedgerStatement, Reconciliation, StatementLine } from '@leadledger/commissions';
import { csvTable } from './csv-table';

/** Column names are a contract with payroll and BI imports: add at the end, never rename. */
export const STATEMENT_COLUMNS = [
  'payee_kind',
  'payee_id',
  'period',
  'row',
  'line_id',
  'kind',
  'rule',
  'role',
  'natural_period',
  'occurred_at',
  'currency',
  'amount_minor',
  'sale_id',
  'payment_id',
  'refund_id',
  'adjustment_id',
  'payout_run_id',
  'plan_id',
  'plan_version',
  'attribution_class',
  'rate_bps',
  'multiplier_bps',
  'base_minor',
  'source_event_ids',
  'references_line_id',
  'arithmetic',
  'note',
  'sale_external_id',
] as const;

const lineRow = (statement: LedgerStatement, l: StatementLine) => ({
  payee_kind: statement.payee.kind,
  payee_id: statement.payee.id,
  period: statement.period,
  row: 'line',
  line_id: l.lineId,
  kind: l.kind,
  rule: l.rule,
  role: l.role,
  natural_period: l.naturalPeriod,
  occurred_at: l.occurredAt,
  currency: l.currency,
  amount_minor: l.amount,
  sale_id: l.saleId,
  payment_id: l.paymentId,
  refund_id: l.refundId,
  adjustment_id: l.adjustmentId,
  payout_run_id: l.payoutRunId,
  plan_id: l.planId,
  plan_version: l.planVersion,
  attribution_class: l.attributionClass,
  rate_bps: l.rateBps,
  multiplier_bps: l.multiplierBps,
  base_minor: l.base,
  source_event_ids: l.sourceEventIds.join(' '),
  references_line_id: l.referencesLineId,
  arithmetic: l.arithmetic,
  note: l.note,
  sale_external_id: l.saleExternalId,
});

const TOTALS = ['opening', 'accrued', 'clawedBack', 'adjusted', 'paid', 'closingDue'] as const;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The statement's lines, then one row per total per currency (row = total, kind = the total's name). */
export function statementCsv(statement: LedgerStatement): string {
  const totals = statement.totals.flatMap((t) =>
    TOTALS.map((name) => ({
      payee_kind: statement.payee.kind,
      payee_id: statement.payee.id,
      period: statement.period,
      row: 'total',
      kind: snake(name),
      currency: t.currency,
      amount_minor: t[name],
    })),
  );
  const rows = [...statement.lines.map((l) => lineRow(statement, l)), ...totals];
  return csvTable(rows, STATEMENT_COLUMNS);
}

export const RECONCILIATION_COLUMNS = [
  'period',
  'row',
  'payee_kind',
  'payee_id',
  'currency',
  ...TOTALS.map(snake),
  ...TOTALS.map((t) => `control_${snake(t)}`),
  'matches',
] as const;

/** One row per payee and currency, then one total row per currency. */
export function reconciliationCsv(reconciliation: Reconciliation): string {
  const figures = (r: Reconciliation['totals'][number]) =>
    Object.fromEntries([
      ...TOTALS.map((t) => [snake(t), r[t]]),
      ...TOTALS.map((t) => [`control_${snake(t)}`, r.control[t]]),
    ]);
  const rows = [
    ...reconciliation.payees.map((r) => ({
      period: reconciliation.period,
      row: 'payee',
      payee_kind: r.payee.kind,
      payee_id: r.payee.id,
      currency: r.currency,
      ...figures(r),
      matches: r.matches,
    })),
    ...reconciliation.totals.map((t) => ({
      period: reconciliation.period,
      row: 'total',
      currency: t.currency,
      ...figures(t),
      matches: t.matches,
    })),
  ];
  return csvTable(rows, RECONCILIATION_COLUMNS);
}
