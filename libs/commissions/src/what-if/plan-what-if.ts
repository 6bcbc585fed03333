import type { OwnershipInterval } from '@leadledger/customers';
import type { StoredEvent } from '@leadledger/event-store';
import { type MinorSum, type MinorUnits, jsonMinorSum, sumMinor } from '@leadledger/kernel';
import type { SaleRecorded } from '@leadledger/sales';
import type { Attribution } from '../engine/attribution';
import { applyToLedger } from '../engine/ledger-engine';
import type { LedgerLine } from '../engine/ledger-line';
import { MemoryBook } from '../engine/memory-book';
import type { Payee } from '../periods/commission-periods.events';
import type { CommissionPlan } from '../plan/commission-plan';
import type { PlanWhatIfResult, SaleUnderPlan, SaleWhatIf, WhatIfLine } from './plan-what-if.types';

export * from './period-sales.query';
export * from './plan-what-if.types';

/** One sale closed in the period: its attribution as recorded, and its stream's events in order (SaleRecorded first). */
export interface PeriodSale {
  readonly attribution: Attribution;
  readonly events: readonly StoredEvent[];
}

const none: OwnershipInterval['via'] = 'claim';

/**
 * Facts that make the engine attribute the sale exactly as it was attributed when recorded
 * (owner at close, finder, first lead's channel, first sale, referral partner); only the
 * new-customer window is the plan's, so a draft with another window may re-class the sale.
 */
function seedFacts(book: MemoryBook, sale: SaleRecorded['data'], recorded: Attribution): void {
  const firstLeadId = `first-lead-of:${sale.customerId}`;
  if (recorded.channel !== null) {
    const ownership: OwnershipInterval[] = recorded.ownerAtClose
      ? [{ repId: recorded.ownerAtClose, from: sale.closedAt, to: null, via: none, reason: 'as attributed' }]
      : [];
    book.putCustomer({
      customerId: sale.customerId,
      firstLeadId,
      firstLeadChannel: recorded.channel,
      finderRepId: recorded.finderRepId,
      ownership,
      firstSaleAt: recorded.firstSaleAt,
    });
  }
  if (recorded.referralPartnerId !== null) {
    const leadId = sale.leadId ?? firstLeadId;
    const channel = recorded.channel ?? 'referral';
    book.putLead({ leadId, channel, receivedBy: null, referralPartnerId: recorded.referralPartnerId });
  }
}

const shown = (line: LedgerLine): WhatIfLine => ({
  payee: line.payee,
  role: line.role,
  kind: line.kind,
  rule: line.rule,
  naturalPeriod: line.naturalPeriod,
  amount: line.amount,
  arithmetic: line.arithmetic,
});

/** The period's sales replayed in log order through the ledger engine in a scratch book, under `planFor` each. */
function replay(
  sales: readonly PeriodSale[],
  plans: readonly CommissionPlan[],
  planFor: (sale: SaleRecorded['data']) => CommissionPlan | null,
): Map<string, SaleUnderPlan> {
  const book = new MemoryBook();
  plans.forEach((plan) => book.addPlan(plan));
  const attributions = new Map(sales.map((sale) => [sale.attribution.saleId, sale.attribution]));
  // Positions are distinct and V8's sort asks only whether a comparison is negative: `<=` for `<` and the
  // four mutants of `a.position > b.position ? 1 : 0` are equivalent.
  const events = sales
    .flatMap((sale) => sale.events)
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const answers = new Map<string, SaleUnderPlan>();
  for (const event of events) {
    const saleId = (event.data as { saleId: string }).saleId;
    if (event.type === 'SaleRecorded') {
      const sale = event.data as unknown as SaleRecorded['data'];
      const plan = planFor(sale);
      if (!plan) continue;
      seedFacts(book, sale, attributions.get(saleId)!);
      const renamed = { ...sale, plan: { planId: plan.planId, version: plan.version } };
      const lines = applyToLedger(book, { ...event, data: renamed as unknown as StoredEvent['data'] });
      const attributionClass = book.sale(saleId)?.attribution.attributionClass ?? 'existing';
      answers.set(saleId, { planId: plan.planId, version: plan.version, attributionClass, lines: lines.map(shown) });
      continue;
    }
    const answer = answers.get(saleId);
    if (!answer) continue;
    const lines = applyToLedger(book, event);
    answers.set(saleId, { ...answer, lines: [...answer.lines, ...lines.map(shown)] });
  }
  return answers;
}

type Sums = Map<string, { payee: Payee; currency: string; amounts: MinorUnits[] }>;

function addTo(sums: Sums, under: SaleUnderPlan | null | undefined, currency: string, byPayee: boolean): void {
  for (const line of under?.lines ?? []) {
    const key = byPayee ? `${line.payee.kind}|${line.payee.id}|${currency}` : currency;
    const entry = sums.get(key) ?? { payee: line.payee, currency, amounts: [] };
    entry.amounts.push(line.amount);
    sums.set(key, entry);
  }
}

function compare(actual: Sums, whatIf: Sums): { payee: Payee; currency: string; a: MinorSum; w: MinorSum }[] {
  const keys = [...new Set([...actual.keys(), ...whatIf.keys()])].sort();
  return keys.map((key) => {
    const { payee, currency } = (actual.get(key) ?? whatIf.get(key))!;
    const a = sumMinor(actual.get(key)?.amounts ?? []);
    const w = sumMinor(whatIf.get(key)?.amounts ?? []);
    return { payee, currency, a, w };
  });
}

/**
 * A draft plan applied to a period's sales beside the versions they were recorded under, both
 * recomputed by the ledger engine from the sales' own events in a scratch book that nothing
 * else reads. Pure: the caller reads the sales; nothing is written anywhere.
 */
export function planWhatIf(
  draft: CommissionPlan,
  published: readonly CommissionPlan[],
  sales: readonly PeriodSale[],
): PlanWhatIfResult {
  const named = (sale: SaleRecorded['data']) =>
    published.find((plan) => plan.planId === sale.plan.planId && plan.version === sale.plan.version) ?? null;
  const actual = replay(sales, published, named);
  const whatIf = replay(sales, [draft], (sale) => (sale.currency === draft.currency ? draft : null));
  const rows: SaleWhatIf[] = [];
  const sums = { actual: new Map(), whatIf: new Map(), actualTotal: new Map(), whatIfTotal: new Map() } as const;
  for (const { attribution, events } of sales) {
    const sale = events[0].data as unknown as SaleRecorded['data'];
    const mine = actual.get(sale.saleId);
    if (!mine) continue;
    const theirs = whatIf.get(sale.saleId) ?? null;
    rows.push({
      saleId: sale.saleId,
      externalId: sale.externalId,
      closedAt: sale.closedAt,
      currency: sale.currency,
      amount: sale.amount,
      creditedRepId: attribution.creditedRepId,
      actual: mine,
      whatIf: theirs,
    });
    addTo(sums.actual, mine, sale.currency, true);
    addTo(sums.actualTotal, mine, sale.currency, false);
    // A sale the draft cannot pay is compared as it is: its lines stand in both columns.
    addTo(sums.whatIf, theirs ?? mine, sale.currency, true);
    addTo(sums.whatIfTotal, theirs ?? mine, sale.currency, false);
  }
  const json = ({ a, w }: { a: MinorSum; w: MinorSum }) => ({
    actual: jsonMinorSum(a),
    whatIf: jsonMinorSum(w),
    difference: jsonMinorSum(w - a),
  });
  return {
    sales: rows,
    payees: compare(sums.actual, sums.whatIf).map((row) => ({
      payee: row.payee,
      currency: row.currency,
      ...json(row),
    })),
    totals: compare(sums.actualTotal, sums.whatIfTotal).map((row) => ({ currency: row.currency, ...json(row) })),
    otherCurrencySales: rows.filter((row) => row.whatIf === null).length,
  };
}
