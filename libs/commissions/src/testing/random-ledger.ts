import { ROUNDING_RULES } from '@leadledger/kernel';
import fc from 'fast-check';
import { LedgerLog, aPlan, ledgerOf } from '../engine/ledger.fixtures';
import { dueBalances } from '../engine/statement';
import type { Payee } from '../periods/commission-periods.events';
import { nextPeriod, periodOf } from '../plan/commission-periods';
import type { CommissionPlan, CommissionTier } from '../plan/commission-plan';
import { COMMISSION_BASES } from '../plan/commission-plan';

/*
 * Random logs written the way the commands would write them: one or two plan versions,
 * a few customers whose owners change, sales named with the plan in effect at closedAt,
 * payments and refunds within what the sale allows, cancellations, adjustments, some
 * events back-dated into periods already closed, and payout runs for consecutive months
 * paying each payee exactly its positive due balance.
 */

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const START = Date.parse('2026-01-01T09:00:00+08:00');
export const REPS = ['rep-a', 'rep-b', 'rep-c', 'rep-d'];
export const PARTNERS = ['bank-x', 'bank-y'];
export const iso = (ms: number) => new Date(ms).toISOString();
/** Every generated plan runs monthly in Asia/Shanghai (UTC+8, no DST), so a month starts at 00:00+08:00. */
export const monthStart = (period: string) => Date.parse(`${period}-01T00:00:00+08:00`);

type PlanRules = Omit<
  CommissionPlan,
  'planId' | 'version' | 'effectiveFrom' | 'currency' | 'periodLength' | 'timeZone'
>;

const bps = (max: number) => fc.integer({ min: 0, max });
/** Present half the time. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 2 });
const tiers: fc.Arbitrary<CommissionTier[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 20_000_000 }), { maxLength: 3 })
  .chain((thresholds) =>
    fc
      .tuple(...thresholds.map(() => fc.integer({ min: 5_000, max: 30_000 })))
      .map((multipliers) =>
        [...thresholds].sort((a, b) => a - b).map((aboveMinor, i) => ({ aboveMinor, multiplierBps: multipliers[i] })),
      ),
  );

const planRules: fc.Arbitrary<PlanRules> = fc.record({
  basis: fc.constantFrom(...COMMISSION_BASES),
  ratesBps: fc.record({ 'new-rep-sourced': bps(2_000), 'new-company-provided': bps(2_000), existing: bps(2_000) }),
  amountBase: fc.constantFrom('revenue' as const, 'gross-margin' as const),
  flatPerSaleMinor: sometimes(fc.integer({ min: 1, max: 50_000 })),
  newCustomerWindowDays: fc.integer({ min: 0, max: 120 }),
  finderShareBps: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })),
  tiers,
  capPerSaleMinor: sometimes(fc.integer({ min: 0, max: 1_000_000 })),
  clawbackWindowDays: fc.integer({ min: 0, max: 120 }),
  rounding: fc.constantFrom(...ROUNDING_RULES),
  minimumPerSaleMinor: sometimes(fc.integer({ min: 1, max: 100_000 })),
  partnerFee: sometimes(
    fc.record({
      shareBps: bps(3_000),
      basis: fc.constantFrom(...COMMISSION_BASES),
      minimumMinor: sometimes(fc.integer({ min: 1, max: 200_000 })),
    }),
  ),
});

const customerSpec = fc.record({
  channel: fc.constantFrom('rep-sourced' as const, 'walk-in' as const, 'web-form' as const, 'referral' as const),
  finder: fc.nat(),
  owner: fc.option(fc.nat()),
  partner: fc.option(fc.nat()),
});

const advance = fc.integer({ min: 0, max: 15 * 24 });
const backdate = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 * 24 }));
const part = fc.integer({ min: 1, max: 10_000 });
const step = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      advance,
      backdate,
      customer: fc.nat(),
      closer: fc.nat(),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      cost: fc.option(fc.integer({ min: 0, max: 12_000_000 })),
      withLead: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('payment' as const), advance, backdate, sale: fc.nat(), part }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('refund' as const), advance, backdate, sale: fc.nat(), part }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), advance, backdate, sale: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      advance,
      backdate,
      payee: fc.nat(),
      amount: fc.integer({ min: -50_000, max: 50_000 }).filter((a) => a !== 0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('owner' as const), advance, customer: fc.nat(), rep: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), advance, customer: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payout' as const), advance }) },
);

/** A random ledger history as steps; `buildLedger` writes it as a log. */
export const ledgerScript = fc.record({
  first: planRules,
  second: fc.option(fc.record({ rules: planRules, afterDays: fc.integer({ min: 1, max: 150 }) })),
  customers: fc.array(customerSpec, { minLength: 1, maxLength: 4 }),
  steps: fc.array(step, { minLength: 8, maxLength: 40, size: 'medium' }),
});
export type LedgerScript = typeof ledgerScript extends fc.Arbitrary<infer T> ? T : never;

interface SaleState {
  readonly saleId: string;
  readonly closedAt: number;
  readonly amount: number;
  collected: number;
  refunded: number;
  cancelled: boolean;
}

export interface BuiltLedger {
  readonly log: LedgerLog;
  readonly plans: readonly CommissionPlan[];
  /** Each payout run: the period it closed and the log position of its PeriodClosed. */
  readonly closes: readonly { period: string; position: bigint }[];
}

/** Interprets a script into a log; steps that make no sense at that point (no sale yet, nothing left to pay) are skipped. */
export function buildLedger(s: LedgerScript): BuiltLedger {
  const first = aPlan({ ...s.first, planId: 'standard', version: 1 });
  const plans = [first];
  if (s.second)
    plans.push(
      aPlan({
        ...s.second.rules,
        planId: 'standard',
        version: 2,
        effectiveFrom: iso(START + s.second.afterDays * DAY),
      }),
    );
  const planAt = (at: number) => [...plans].reverse().find((p) => Date.parse(p.effectiveFrom) <= at) ?? first;

  const log = new LedgerLog();
  for (const plan of plans) log.plan(plan);
  const owners = new Map<string, string | null>();
  s.customers.forEach((c, i) => {
    const customerId = `c${i + 1}`;
    const finder = c.channel === 'rep-sourced' || c.channel === 'walk-in' ? REPS[c.finder % REPS.length] : null;
    const owner = c.owner === null ? null : REPS[c.owner % REPS.length];
    const referralPartnerId = c.partner === null ? null : PARTNERS[c.partner % PARTNERS.length];
    log.customer({ customerId, channel: c.channel, finder, owner, at: iso(START), referralPartnerId });
    owners.set(customerId, owner);
  });

  let clock = START;
  let toPay = periodOf(iso(START), first);
  const closes: { period: string; position: bigint }[] = [];
  const sales: SaleState[] = [];
  const saleOf = (n: number) => (sales.length === 0 ? null : sales[n % sales.length]);
  const customerOf = (n: number) => `c${(n % s.customers.length) + 1}`;

  for (const st of s.steps) {
    clock += st.advance * HOUR;
    switch (st.kind) {
      case 'sale': {
        const closedAt = Math.max(START, clock - st.backdate * HOUR);
        const plan = planAt(closedAt);
        const saleId = `s${sales.length + 1}`;
        const customerId = customerOf(st.customer);
        log.sale({
          saleId,
          customerId,
          amount: st.amount,
          cost: st.cost,
          closedAt: iso(closedAt),
          closingRepId: REPS[st.closer % REPS.length],
          leadId: st.withLead ? `lead-${customerId}` : null,
          plan: { planId: plan.planId, version: plan.version },
        });
        sales.push({ saleId, closedAt, amount: st.amount, collected: 0, refunded: 0, cancelled: false });
        break;
      }
      case 'payment': {
        const sale = saleOf(st.sale);
        const outstanding = sale && !sale.cancelled ? sale.amount - sale.refunded - sale.collected : 0;
        if (!sale || outstanding <= 0) break;
        const amount = Math.max(1, Math.floor((outstanding * st.part) / 10_000));
        sale.collected += amount;
        log.payment(sale.saleId, amount, iso(Math.max(sale.closedAt, clock - st.backdate * HOUR)));
        break;
      }
      case 'refund': {
        const sale = saleOf(st.sale);
        const net = sale && !sale.cancelled ? sale.amount - sale.refunded : 0;
        if (!sale || net <= 0) break;
        const amount = Math.max(1, Math.floor((net * st.part) / 10_000));
        sale.refunded += amount;
        log.refund(sale.saleId, amount, iso(Math.max(sale.closedAt, clock - st.backdate * HOUR)));
        break;
      }
      case 'cancel': {
        const sale = saleOf(st.sale);
        if (!sale || sale.cancelled || sale.amount - sale.refunded <= 0) break;
        sale.cancelled = true;
        log.cancel(sale.saleId, sale.amount - sale.refunded, iso(Math.max(sale.closedAt, clock - st.backdate * HOUR)));
        break;
      }
      case 'adjust': {
        const people: Payee[] = [
          ...REPS.map((id) => ({ kind: 'rep' as const, id })),
          ...PARTNERS.map((id) => ({ kind: 'partner' as const, id })),
        ];
        const period = periodOf(iso(Math.max(START, clock - st.backdate * HOUR)), first);
        log.adjust(people[st.payee % people.length], st.amount, period, iso(clock));
        break;
      }
      case 'owner': {
        const customerId = customerOf(st.customer);
        const repId = REPS[st.rep % REPS.length];
        if (owners.get(customerId) === repId) break;
        log.owner(customerId, repId, iso(clock));
        owners.set(customerId, repId);
        break;
      }
      case 'release': {
        const customerId = customerOf(st.customer);
        const owner = owners.get(customerId);
        if (!owner) break;
        log.release(customerId, owner, iso(clock));
        owners.set(customerId, null);
        break;
      }
      case 'payout': {
        // The run for `toPay` happens after that month has ended, paying what the ledger says is due so far.
        clock = Math.max(clock, monthStart(nextPeriod(toPay)) + HOUR);
        const due = dueBalances(ledgerOf(log), toPay).filter((b) => b.due > 0n);
        log.payout(
          toPay,
          due.map((b) => ({ payee: b.payee, amount: Number(b.due) })),
          iso(clock),
        );
        closes.push({ period: toPay, position: BigInt(log.events.length) });
        toPay = nextPeriod(toPay);
        break;
      }
    }
  }
  return { log, plans, closes };
}
