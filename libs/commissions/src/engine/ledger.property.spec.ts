import type { StoredEvent } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { ROUNDING_RULES } from '@leadledger/kernel';
import { ReadModelDatabase, canonicalRows, tableDigest } from '@leadledger/projections';
import fc from 'fast-check';
import type { Payee } from '../periods/commission-periods.events';
import { nextPeriod, periodOf } from '../plan/commission-periods';
import type { CommissionPlan, CommissionTier } from '../plan/commission-plan';
import { COMMISSION_BASES } from '../plan/commission-plan';
import { commissionLedgerProjection } from '../read-models/commission-ledger.projection';
import {
  ledgerLinesThrough,
  ledgerStatement,
  ledgerTotalsThrough,
  payoutPreview,
} from '../read-models/commission-ledger.query';
import { ControlLedger, everyEvents, replayLedger } from './control-ledger';
import { LedgerLog, aPlan, ledgerOf } from './ledger.fixtures';
import { LINE_KINDS, type LedgerLine } from './ledger-line';
import { reconcile, reconcileTotals } from './reconciliation';
import { dueBalances, statementOf } from './statement';

/*
 * Random logs written the way the commands would write them: one or two plan versions,
 * a few customers whose owners change, sales named with the plan in effect at closedAt,
 * payments and refunds within what the sale allows, cancellations, adjustments, some
 * events back-dated into periods already closed, and payout runs for consecutive months
 * paying each payee exactly its positive due balance.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-01-01T09:00:00+08:00');
const REPS = ['rep-a', 'rep-b', 'rep-c', 'rep-d'];
const PARTNERS = ['bank-x', 'bank-y'];
const iso = (ms: number) => new Date(ms).toISOString();
/** Every generated plan runs monthly in Asia/Shanghai (UTC+8, no DST), so a month starts at 00:00+08:00. */
const monthStart = (period: string) => Date.parse(`${period}-01T00:00:00+08:00`);

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

const script = fc.record({
  first: planRules,
  second: fc.option(fc.record({ rules: planRules, afterDays: fc.integer({ min: 1, max: 150 }) })),
  customers: fc.array(customerSpec, { minLength: 1, maxLength: 4 }),
  steps: fc.array(step, { minLength: 8, maxLength: 40, size: 'medium' }),
});
type Script = typeof script extends fc.Arbitrary<infer T> ? T : never;

interface SaleState {
  readonly saleId: string;
  readonly closedAt: number;
  readonly amount: number;
  collected: number;
  refunded: number;
  cancelled: boolean;
}

interface Built {
  readonly log: LedgerLog;
  readonly plans: readonly CommissionPlan[];
  /** Each payout run: the period it closed and the log position of its PeriodClosed. */
  readonly closes: readonly { period: string; position: bigint }[];
}

/** Interprets a script into a log; steps that make no sense at that point (no sale yet, nothing left to pay) are skipped. */
function build(s: Script): Built {
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

const logs = script.map(build);

const payeeKey = (p: Payee) => `${p.kind}|${p.id}`;
const payeesOf = (lines: readonly LedgerLine[]) => [
  ...new Map(lines.map((l) => [payeeKey(l.payee), l.payee])).values(),
];
const sum = (lines: readonly LedgerLine[]) => lines.reduce((total, l) => total + l.amount, 0);
const exactSum = (lines: readonly LedgerLine[]) => lines.reduce((total, l) => total + BigInt(l.amount), 0n);

function periodsSpanned(lines: readonly LedgerLine[]): string[] {
  if (lines.length === 0) return [];
  const sorted = lines.map((l) => l.period).sort();
  const periods = [sorted[0]];
  while (periods[periods.length - 1] < sorted[sorted.length - 1]) periods.push(nextPeriod(periods[periods.length - 1]));
  return periods;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('the commission ledger on random logs', () => {
  it('balances every statement: opening + movements = closing due, which opens the next period', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        const lines = ledgerOf(log);
        const periods = periodsSpanned(lines);
        for (const payee of payeesOf(lines)) {
          const own = lines.filter((l) => payeeKey(l.payee) === payeeKey(payee));
          let carried = 0n;
          for (const period of periods) {
            const totals = statementOf(payee, period, lines).totals;
            expect(totals.length).toBeLessThanOrEqual(1);
            const t = totals[0] ?? { opening: 0n, accrued: 0n, clawedBack: 0n, adjusted: 0n, paid: 0n, closingDue: 0n };
            expect(t.opening).toBe(carried);
            expect(t.opening + t.accrued + t.clawedBack + t.adjusted + t.paid).toBe(t.closingDue);
            expect(t.closingDue).toBe(exactSum(own.filter((l) => l.period <= period)));
            expect(t.accrued).toBeGreaterThanOrEqual(0n);
            expect(t.clawedBack).toBeLessThanOrEqual(0n);
            expect(t.paid).toBeLessThanOrEqual(0n);
            carried = t.closingDue;
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('posts only the four kinds of line, so all lines sum to accruals + clawbacks + adjustments + payouts', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        const lines = ledgerOf(log);
        const byKind = LINE_KINDS.map((kind) => sum(lines.filter((l) => l.kind === kind)));
        expect(lines.every((l) => (LINE_KINDS as readonly string[]).includes(l.kind))).toBe(true);
        expect(sum(lines)).toBe(byKind.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('divides every undivided amount exactly, giving the finder floor(undivided x share / 10000)', () => {
    fc.assert(
      fc.property(logs, ({ log, plans }) => {
        const lines = ledgerOf(log);
        const grouped = lines.filter((l) => l.groupId !== null);
        // One group is written once as an accrual and then once per clawback event.
        for (const parts of groupBy(grouped, (l) => `${l.groupId}|${l.position}|${l.kind}`).values()) {
          const undivided = parts[0].undividedAmount;
          expect(parts.every((l) => l.undividedAmount === undivided)).toBe(true);
          expect(sum(parts)).toBe(undivided);
          const finder = parts.find((l) => l.role === 'finder');
          if (parts[0].kind !== 'accrual' || !finder) continue;
          const plan = plans.find((p) => p.version === finder.planVersion)!;
          const finderShare = Math.floor(((undivided ?? 0) * plan.finderShareBps) / 10_000);
          // A part that rounds to nothing is not written (a 100% finder share leaves the owner none).
          const ownerShare = (undivided ?? 0) - finderShare;
          expect(parts.map((l) => l.role)).toEqual(ownerShare === 0 ? ['finder'] : ['owner', 'finder']);
          expect(finder.amount).toBe(finderShare);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never pays out a negative amount, leaves nobody owed through a paid period, and never posts into a closed one', () => {
    fc.assert(
      fc.property(logs, ({ log, closes }) => {
        const lines = ledgerOf(log);
        for (const payout of lines.filter((l) => l.kind === 'payout')) expect(payout.amount).toBeLessThan(0);
        for (const close of closes) {
          for (const line of lines.filter((l) => BigInt(l.position) > close.position))
            expect(line.period > close.period).toBe(true);
          for (const balance of dueBalances(lines, close.period)) expect(balance.due).toBeLessThanOrEqual(0n);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every amount a safe integer of minor units', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        for (const line of ledgerOf(log)) {
          expect(Number.isSafeInteger(line.amount)).toBe(true);
          if (line.base !== null) expect(Number.isSafeInteger(line.base)).toBe(true);
          if (line.undividedAmount !== null) expect(Number.isSafeInteger(line.undividedAmount)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never claws back more from a payee than the accrual it references gave', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        const lines = ledgerOf(log);
        const byId = new Map(lines.map((l) => [l.lineId, l]));
        const clawbacks = lines.filter((l) => l.kind === 'clawback');
        for (const [referenced, taken] of groupBy(clawbacks, (l) => l.referencesLineId ?? 'none')) {
          const accrual = byId.get(referenced);
          expect(accrual?.kind).toBe('accrual');
          expect(
            taken.every((l) => payeeKey(l.payee) === payeeKey(accrual!.payee) && l.saleId === accrual!.saleId),
          ).toBe(true);
          expect(sum(taken)).toBeGreaterThanOrEqual(-accrual!.amount);
          expect(taken.every((l) => l.amount <= 0)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a sale within its cap, and nets a sale cancelled inside the clawback window to zero for every payee', () => {
    fc.assert(
      fc.property(logs, ({ log, plans }) => {
        const lines = ledgerOf(log);
        const cancelledAt = new Map(
          log.events
            .filter((e) => e.type === 'SaleCancelled')
            .map((e) => [(e.data as { saleId: string }).saleId, Date.parse(e.metadata.occurredAt)]),
        );
        for (const [saleId, ofSale] of groupBy(
          lines.filter((l) => l.saleId !== null),
          (l) => l.saleId!,
        )) {
          const plan = plans.find((p) => p.version === ofSale[0].planVersion)!;
          const capped = ofSale.filter((l) => l.kind === 'accrual' && l.role !== 'partner');
          if (plan.capPerSaleMinor !== null) expect(sum(capped)).toBeLessThanOrEqual(plan.capPerSaleMinor);
          const closedAt = Date.parse(
            log.events.find((e) => e.type === 'SaleRecorded' && (e.data as { saleId: string }).saleId === saleId)!
              .metadata.occurredAt,
          );
          const cancelled = cancelledAt.get(saleId);
          if (cancelled === undefined || cancelled - closedAt > plan.clawbackWindowDays * DAY) continue;
          for (const payee of payeesOf(ofSale))
            expect(sum(ofSale.filter((l) => payeeKey(l.payee) === payeeKey(payee)))).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});

async function* inBatches(events: readonly StoredEvent[], size: number): AsyncIterable<readonly StoredEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

/** Feeds the events to the SQLite projection the way the runner would: setup once, then one transaction per event. */
function project(readModels: ReadModelDatabase, events: readonly StoredEvent[]): void {
  const { db } = readModels;
  commissionLedgerProjection.setup(db);
  for (const event of events) {
    if (commissionLedgerProjection.eventTypes && !commissionLedgerProjection.eventTypes.includes(event.type)) continue;
    db.transaction(() => commissionLedgerProjection.apply(event, db))();
  }
}

describe('the commission ledger read model on random logs', () => {
  it('rebuilds to the in-memory lines, byte-identical twice, and reconciles with the control replay in every period', async () => {
    await fc.assert(
      fc.asyncProperty(logs, async ({ log }) => {
        const dir = tempDirectory('leadledger-ledger-property');
        const first = new ReadModelDatabase(dir.file('first.sqlite'));
        const second = new ReadModelDatabase(dir.file('second.sqlite'));
        try {
          project(first, log.events);
          project(second, log.events);
          const memoryLines = ledgerOf(log);
          const sqlLines = ledgerLinesThrough(first.db, '9999-12');
          expect(sqlLines).toEqual(memoryLines);
          for (const table of commissionLedgerProjection.tables) {
            expect(canonicalRows(first.db, table)).toEqual(canonicalRows(second.db, table));
            expect(tableDigest(first.db, table)).toEqual(tableDigest(second.db, table));
          }
          const head = BigInt(log.events.length);
          const controlLines = await replayLedger(inBatches(log.events, 7), head);
          expect(controlLines).toEqual(memoryLines);
          for (const period of periodsSpanned(sqlLines))
            expect(reconcile(period, sqlLines, controlLines).matches).toBe(true);
        } finally {
          first.close();
          second.close();
          dir.remove();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('writes no line for a finder share that rounds to 0.00, and reads the rest back unchanged', () => {
    // 0.20 x 5% = 0.01: the finder's 30% rounds down to 0.00; the cancellation claws back the owner's 0.01.
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({
        customerId: 'c1',
        channel: 'walk-in',
        finder: 'rep-f',
        owner: 'rep-o',
        at: '2026-02-01T10:00:00+08:00',
      })
      .sale({
        saleId: 's1',
        customerId: 'c1',
        amount: 20,
        closedAt: '2026-03-01T10:00:00+08:00',
        closingRepId: 'rep-o',
      })
      .cancel('s1', 20, '2026-03-02T10:00:00+08:00');
    const dir = tempDirectory('leadledger-ledger-zero');
    const readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    try {
      project(readModels, log.events);
      const memoryLines = ledgerOf(log);
      expect(memoryLines.map((l) => [l.payee.id, l.kind, l.amount])).toEqual([
        ['rep-o', 'accrual', 1],
        ['rep-o', 'clawback', -1],
      ]);
      expect(ledgerLinesThrough(readModels.db, '9999-12')).toEqual(memoryLines);
    } finally {
      readModels.close();
      dir.remove();
    }
  });

  it('replays the control ledger only up to the position it is given', async () => {
    await fc.assert(
      fc.asyncProperty(logs, fc.nat(), async ({ log }, cut) => {
        const through = cut % (log.events.length + 1);
        const prefix = new LedgerLog();
        prefix.events.push(...log.events.slice(0, through));
        expect(await replayLedger(inBatches(log.events, 5), BigInt(through))).toEqual(ledgerOf(prefix));
      }),
      { numRuns: 50 },
    );
  });

  it('advances the cached control in steps to the same reconciliation as a full replay, never past its position', async () => {
    await fc.assert(
      fc.asyncProperty(logs, fc.nat(), fc.nat(), async ({ log }, a, b) => {
        const dir = tempDirectory('leadledger-control-property');
        const readModels = new ReadModelDatabase(dir.file('read.sqlite'));
        try {
          const [first, second] = [a, b].map((n) => n % (log.events.length + 1)).sort((x, y) => x - y);
          const control = new ControlLedger();
          await control.advance(
            inBatches(log.events, 7),
            BigInt(first),
            everyEvents(2, async () => undefined),
          );
          expect(control.position).toBe(BigInt(first));
          await control.advance(inBatches(log.events.slice(first), 5), BigInt(second), everyEvents(3));
          expect(control.position).toBe(BigInt(second));
          project(readModels, log.events.slice(0, second));
          const replayed = await replayLedger(inBatches(log.events, 11), BigInt(second));
          const sqlLines = ledgerLinesThrough(readModels.db, '9999-12');
          for (const period of periodsSpanned(replayed)) {
            const incremental = reconcileTotals(
              period,
              ledgerTotalsThrough(readModels.db, period),
              control.totalsThrough(period),
            );
            expect(incremental).toEqual(reconcile(period, sqlLines, replayed));
            expect(incremental.matches).toBe(true);
            for (const { payee, totals } of control.totalsThrough(period).values())
              expect(totals).toEqual(statementOf(payee, period, replayed).totals);
            // The SQL statement and payout preview read sums, not lines: the same answers as the lines give.
            for (const { payee } of control.totalsThrough(period).values())
              expect(ledgerStatement(readModels.db, payee, period)).toEqual(statementOf(payee, period, sqlLines));
            expect(payoutPreview(readModels.db, period)).toEqual(
              dueBalances(sqlLines, period).filter((b) => b.due > 0n),
            );
          }
        } finally {
          readModels.close();
          dir.remove();
        }
      }),
      { numRuns: 25 },
    );
  });
});
