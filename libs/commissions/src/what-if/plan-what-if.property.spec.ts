import fc from 'fast-check';
import { LedgerLog, aPlan } from '../engine/ledger.fixtures';
import { applyToLedger } from '../engine/ledger-engine';
import { MemoryBook } from '../engine/memory-book';
import type { CommissionPlan } from '../plan/commission-plan';
import { planWhatIf } from './plan-what-if';

const REPS = ['rep-a', 'rep-b', 'rep-c'];
const march = (day: number, hour = 10) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

const planArbitrary: fc.Arbitrary<CommissionPlan> = fc
  .record({
    basis: fc.constantFrom('booked' as const, 'collected' as const, 'collected-in-full' as const),
    rates: fc.tuple(
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 2000 }),
    ),
    finderShareBps: fc.constantFrom(0, 2500, 5000),
    tiers: fc.constantFrom([], [{ aboveMinor: 500_000, multiplierBps: 15_000 }]),
    capPerSaleMinor: fc.constantFrom(null, 30_000),
    minimumPerSaleMinor: fc.constantFrom(null, 5_000),
    newCustomerWindowDays: fc.constantFrom(0, 10, 90),
    partnerFee: fc.constantFrom(null, { shareBps: 1000, basis: 'collected-in-full' as const, minimumMinor: 10_000 }),
  })
  .map(({ rates, capPerSaleMinor, minimumPerSaleMinor, ...rest }) =>
    aPlan({
      ...rest,
      ratesBps: { 'new-rep-sourced': rates[0], 'new-company-provided': rates[1], existing: rates[2] },
      capPerSaleMinor,
      minimumPerSaleMinor: capPerSaleMinor === null ? minimumPerSaleMinor : null,
    }),
  );

const customerArbitrary = fc.record({
  channel: fc.constantFrom('rep-sourced' as const, 'walk-in' as const, 'referral' as const),
  finder: fc.nat(2),
  owner: fc.option(fc.nat(2), { nil: null }),
  transferTo: fc.option(fc.nat(2), { nil: null }),
});

const saleArbitrary = fc.record({
  customer: fc.nat(2),
  day: fc.integer({ min: 5, max: 25 }),
  amount: fc.integer({ min: 1, max: 50 }).map((n) => n * 20_000),
  closer: fc.nat(2),
  paidParts: fc.integer({ min: 0, max: 2 }),
  refund: fc.boolean(),
  cancel: fc.boolean(),
});

type Customer = typeof customerArbitrary extends fc.Arbitrary<infer C> ? C : never;
type Sale = typeof saleArbitrary extends fc.Arbitrary<infer S> ? S : never;

/** A March of three customers and their sales, with payments, refunds and cancellations in March and April. */
function logOf(plan: CommissionPlan, customers: Customer[], sales: Sale[]) {
  const log = new LedgerLog().plan(plan);
  customers.forEach((c, i) => {
    log.customer({
      customerId: `c${i}`,
      channel: c.channel,
      finder: c.channel === 'referral' ? null : REPS[c.finder],
      owner: c.owner === null ? null : REPS[c.owner],
      at: march(1, 9 + i),
      referralPartnerId: c.channel === 'referral' ? 'bank-x' : null,
    });
    if (c.transferTo !== null) log.owner(`c${i}`, REPS[c.transferTo], march(4, 9 + i));
  });
  const ordered = [...sales].sort((a, b) => a.day - b.day);
  ordered.forEach((s, i) =>
    log.sale({
      saleId: `s${i}`,
      customerId: `c${s.customer}`,
      amount: s.amount,
      closedAt: march(s.day, 10 + (i % 8)),
      closingRepId: REPS[s.closer],
    }),
  );
  ordered.forEach((s, i) => {
    for (let part = 1; part <= s.paidParts; part++)
      log.payment(`s${i}`, s.amount / 2, `2026-04-0${part}T10:00:00+08:00`);
    if (s.refund) log.refund(`s${i}`, s.amount / 4, '2026-04-05T10:00:00+08:00');
    if (s.cancel) log.cancel(`s${i}`, s.amount, '2026-04-06T10:00:00+08:00');
  });
  return log;
}

describe('plan what-if against the ledger', () => {
  it('recomputes, for random Marches, exactly the lines the ledger posted for each sale, and the same plan changes nothing', () => {
    const scenario = fc.record({
      plan: planArbitrary,
      customers: fc.array(customerArbitrary, { minLength: 3, maxLength: 3 }),
      sales: fc.array(saleArbitrary, { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(scenario, ({ plan, customers, sales }) => {
        const log = logOf(plan, customers, sales);
        const ledger = new MemoryBook();
        for (const event of log.events) applyToLedger(ledger, event);
        const recorded = log.events.filter((event) => event.type === 'SaleRecorded');
        const periodSales = recorded.map((event) => {
          const saleId = (event.data as { saleId: string }).saleId;
          return {
            attribution: ledger.sale(saleId)!.attribution,
            events: log.events.filter((e) => (e.data as { saleId?: string }).saleId === saleId),
          };
        });
        const result = planWhatIf(plan, [plan], periodSales);
        for (const sale of result.sales) {
          const posted = ledger.lines.filter((line) => line.saleId === sale.saleId);
          expect(sale.actual.lines.map((l) => [l.payee.id, l.amount, l.arithmetic])).toEqual(
            posted.map((l) => [l.payee.id, l.amount, l.arithmetic]),
          );
          expect(sale.whatIf?.lines).toEqual(sale.actual.lines);
        }
        expect(result.payees.every((row) => row.difference === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
