import { LedgerLog, aPlan, rep } from '../engine/ledger.fixtures';
import { applyToLedger } from '../engine/ledger-engine';
import { MemoryBook } from '../engine/memory-book';
import type { CommissionPlan } from '../plan/commission-plan';
import { type PeriodSale, periodBounds, planWhatIf } from './plan-what-if';

const MARCH = periodBounds('2026-03', aPlan());

/**
 * The whole log through the engine, as the live projections see it; then, as the engine's
 * handler does, the period's sales with their recorded attribution and their own events.
 */
function periodSales(log: LedgerLog, bounds = MARCH): { sales: PeriodSale[]; ledger: MemoryBook } {
  const ledger = new MemoryBook();
  for (const event of log.events) applyToLedger(ledger, event);
  const recorded = log.events.filter((event) => event.type === 'SaleRecorded');
  const sales = recorded
    .map((event) => event.data as unknown as { saleId: string; closedAt: string })
    .filter(
      ({ closedAt }) => Date.parse(closedAt) >= Date.parse(bounds.from) && Date.parse(closedAt) < Date.parse(bounds.to),
    )
    .map(({ saleId }) => ({
      attribution: ledger.sale(saleId)!.attribution,
      events: log.events.filter((event) => (event.data as { saleId?: string }).saleId === saleId),
    }));
  return { sales, ledger };
}

/** rep-a found c1 herself and sells 12,000.00 to it; c2 walked in to rep-b, who sells 10,000.00; April is another period. */
function march(plan: CommissionPlan = aPlan()): LedgerLog {
  return new LedgerLog()
    .plan(plan)
    .customer({
      customerId: 'c1',
      channel: 'rep-sourced',
      finder: 'rep-a',
      owner: 'rep-a',
      at: '2026-03-01T09:00:00+08:00',
    })
    .customer({
      customerId: 'c2',
      channel: 'walk-in',
      finder: 'rep-b',
      owner: 'rep-b',
      at: '2026-03-02T09:00:00+08:00',
    })
    .sale({
      saleId: 's1',
      customerId: 'c1',
      amount: 1_200_000,
      closedAt: '2026-03-10T10:00:00+08:00',
      closingRepId: 'rep-a',
    })
    .sale({
      saleId: 's2',
      customerId: 'c2',
      amount: 1_000_000,
      closedAt: '2026-03-20T10:00:00+08:00',
      closingRepId: 'rep-b',
    })
    .sale({
      saleId: 's3',
      customerId: 'c2',
      amount: 500_000,
      closedAt: '2026-04-02T10:00:00+08:00',
      closingRepId: 'rep-b',
    });
}

const byPayee = (result: ReturnType<typeof planWhatIf>) =>
  Object.fromEntries(result.payees.map((row) => [row.payee.id, [row.actual, row.whatIf, row.difference]]));

describe('plan what-if, worked by hand', () => {
  it('the period of a plan calendar runs from its first local midnight to the next period’s', () => {
    expect(MARCH).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' });
    expect(periodBounds('2026-Q4', aPlan({ periodLength: 'quarter' }))).toEqual({
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
  });

  it('the published plan as the draft changes nothing, and "actual" is the ledger’s own lines for the period’s sales', () => {
    const log = march();
    const { sales, ledger } = periodSales(log);
    const result = planWhatIf(aPlan(), [aPlan()], sales);
    expect(byPayee(result)).toEqual({ 'rep-a': [96_000, 96_000, 0], 'rep-b': [50_000, 50_000, 0] });
    const ledgerLines = ledger.lines.filter((line) => line.saleId === 's1' || line.saleId === 's2');
    expect(result.sales.flatMap((sale) => sale.actual.lines.map((line) => line.arithmetic))).toEqual(
      ledgerLines.map((line) => line.arithmetic),
    );
    expect(result.sales.map((sale) => sale.saleId)).toEqual(['s1', 's2']);
  });

  it('6.00% instead of 5.00% on new company-provided customers pays rep-b 100.00 more and rep-a the same', () => {
    const { sales } = periodSales(march());
    const draft = aPlan({
      version: 2,
      ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 600, existing: 300 },
    });
    const result = planWhatIf(draft, [aPlan()], sales);
    expect(byPayee(result)).toEqual({ 'rep-a': [96_000, 96_000, 0], 'rep-b': [50_000, 60_000, 10_000] });
    expect(result.totals).toEqual([{ currency: 'CNY', actual: 146_000, whatIf: 156_000, difference: 10_000 }]);
    const s2 = result.sales.find((sale) => sale.saleId === 's2')!;
    expect(s2.actual.lines.map((line) => line.arithmetic)).toEqual(['10,000.00 x 5.00% x 1 = 500.00']);
    expect(s2.whatIf?.lines.map((line) => line.arithmetic)).toEqual(['10,000.00 x 6.00% x 1 = 600.00']);
    expect(s2.whatIf).toMatchObject({ planId: 'standard', version: 2, attributionClass: 'new-company-provided' });
  });

  it('a 30-day new-customer window re-classes a repeat sale 59 days after the first as existing', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer({
        customerId: 'c1',
        channel: 'rep-sourced',
        finder: 'rep-a',
        owner: 'rep-a',
        at: '2026-01-01T09:00:00+08:00',
      })
      .sale({
        saleId: 's0',
        customerId: 'c1',
        amount: 100_000,
        closedAt: '2026-01-10T10:00:00+08:00',
        closingRepId: 'rep-a',
      })
      .sale({
        saleId: 's1',
        customerId: 'c1',
        amount: 1_200_000,
        closedAt: '2026-03-10T10:00:00+08:00',
        closingRepId: 'rep-a',
      });
    const { sales } = periodSales(log);
    const result = planWhatIf(aPlan({ version: 2, newCustomerWindowDays: 30 }), [aPlan()], sales);
    const s1 = result.sales.find((sale) => sale.saleId === 's1')!;
    expect(s1.actual.attributionClass).toBe('new-rep-sourced');
    expect(s1.whatIf?.attributionClass).toBe('existing');
    // 12,000.00 x 3.00% = 360.00 instead of x 8.00% = 960.00; the January sale is not the period's.
    expect(byPayee(result)).toEqual({ 'rep-a': [96_000, 36_000, -60_000] });
  });

  it('a finder share splits rep-b’s sale when the customer moved to rep-c before it closed', () => {
    const ordered = new LedgerLog()
      .plan(aPlan())
      .customer({
        customerId: 'c2',
        channel: 'walk-in',
        finder: 'rep-b',
        owner: 'rep-b',
        at: '2026-03-02T09:00:00+08:00',
      })
      .owner('c2', 'rep-c', '2026-03-15T09:00:00+08:00')
      .sale({
        saleId: 's2',
        customerId: 'c2',
        amount: 1_000_000,
        closedAt: '2026-03-20T10:00:00+08:00',
        closingRepId: 'rep-b',
      });
    const { sales } = periodSales(ordered);
    const result = planWhatIf(aPlan({ version: 2, finderShareBps: 3000 }), [aPlan()], sales);
    expect(byPayee(result)).toEqual({ 'rep-b': [0, 15_000, 15_000], 'rep-c': [50_000, 35_000, -15_000] });
  });

  it('on the collected basis with a refund, the same plan again gives the ledger’s figures to the unit', () => {
    const collected = aPlan({ basis: 'collected' });
    const log = march(collected)
      .payment('s1', 400_000, '2026-03-12T10:00:00+08:00')
      .payment('s2', 1_000_000, '2026-03-25T10:00:00+08:00')
      .refund('s2', 250_000, '2026-04-05T10:00:00+08:00');
    const { sales, ledger } = periodSales(log);
    const result = planWhatIf(collected, [collected], sales);
    const sum = (id: string) =>
      ledger.lines.filter((l) => l.payee.id === id && l.saleId !== 's3').reduce((total, l) => total + l.amount, 0);
    expect(byPayee(result)).toEqual({
      'rep-a': [sum('rep-a'), sum('rep-a'), 0],
      'rep-b': [sum('rep-b'), sum('rep-b'), 0],
    });
    expect(sum('rep-b')).toBe(50_000 - 12_500);
  });

  it('a draft in another currency leaves the sales as they are and counts them', () => {
    const { sales } = periodSales(march());
    const result = planWhatIf(aPlan({ version: 2, currency: 'USD' }), [aPlan()], sales);
    expect(result.otherCurrencySales).toBe(2);
    expect(result.sales.every((sale) => sale.whatIf === null)).toBe(true);
    expect(byPayee(result)).toEqual({ 'rep-a': [96_000, 96_000, 0], 'rep-b': [50_000, 50_000, 0] });
  });

  it('pays rep payees and referral partners alike', () => {
    const withPartner = new LedgerLog()
      .plan(aPlan())
      .customer({
        customerId: 'c9',
        channel: 'referral',
        finder: null,
        owner: 'rep-a',
        at: '2026-03-01T09:00:00+08:00',
        referralPartnerId: 'bank-x',
      })
      .sale({
        saleId: 's9',
        customerId: 'c9',
        amount: 200_000,
        closedAt: '2026-03-05T10:00:00+08:00',
        closingRepId: 'rep-a',
      });
    const { sales } = periodSales(withPartner);
    const draft = aPlan({ version: 2, partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null } });
    const result = planWhatIf(draft, [aPlan()], sales);
    expect(result.payees).toEqual([
      { payee: { kind: 'partner', id: 'bank-x' }, currency: 'CNY', actual: 0, whatIf: 20_000, difference: 20_000 },
      { payee: rep('rep-a'), currency: 'CNY', actual: 10_000, whatIf: 10_000, difference: 0 },
    ]);
  });
});

describe('plan what-if: which plan and in which order', () => {
  it('recomputes each sale under the version it names, and counts no sale in another currency', () => {
    // Version 2 (from 15 March) pays 6.00% on new company-provided customers. s2 (20 March) names
    // version 2: its actual is 10,000.00 x 6.00% = 600.00, not version 1's 10,000.00 x 5.00% = 500.00.
    const v2 = aPlan({
      version: 2,
      effectiveFrom: '2026-03-15T00:00:00+08:00',
      ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 600, existing: 300 },
    });
    const log = new LedgerLog()
      .plan(aPlan())
      .plan(v2)
      .customer({
        customerId: 'c2',
        channel: 'walk-in',
        finder: 'rep-b',
        owner: 'rep-b',
        at: '2026-03-02T09:00:00+08:00',
      })
      .sale({
        saleId: 's2',
        customerId: 'c2',
        amount: 1_000_000,
        closedAt: '2026-03-20T10:00:00+08:00',
        closingRepId: 'rep-b',
        plan: { planId: 'standard', version: 2 },
      });
    const { sales } = periodSales(log);
    const result = planWhatIf(aPlan({ version: 3 }), [aPlan(), v2], sales);
    const [s2] = result.sales;
    expect(s2.actual).toMatchObject({ planId: 'standard', version: 2 });
    expect(s2.actual.lines.map((line) => line.amount)).toEqual([60_000]);
    expect(result.otherCurrencySales).toBe(0);
  });

  it('replays the period’s sales in log order whatever order they are given in, so tiers cut the same', () => {
    // Tier x1.5 above 10,000.00 of rep-a's March base. s1 (8,000.00, 10 March) comes first in the log:
    // 8,000.00 x 5.00% = 400.00. Then sa (12,000.00, 12 March): 2,000.00 x 5.00% = 100.00 and
    // 10,000.00 x 5.00% x 1.5 = 750.00.
    const tiered = aPlan({ tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }] });
    const log = new LedgerLog()
      .plan(tiered)
      .customer({
        customerId: 'c1',
        channel: 'walk-in',
        finder: 'rep-a',
        owner: 'rep-a',
        at: '2026-03-01T09:00:00+08:00',
      })
      .sale({
        saleId: 's1',
        customerId: 'c1',
        amount: 800_000,
        closedAt: '2026-03-10T10:00:00+08:00',
        closingRepId: 'rep-a',
      })
      .sale({
        saleId: 'sa',
        customerId: 'c1',
        amount: 1_200_000,
        closedAt: '2026-03-12T10:00:00+08:00',
        closingRepId: 'rep-a',
      });
    const { sales } = periodSales(log);
    const result = planWhatIf(tiered, [tiered], [...sales].reverse());
    const amounts = (saleId: string) =>
      result.sales.find((sale) => sale.saleId === saleId)!.whatIf!.lines.map((line) => line.amount);
    expect(amounts('s1')).toEqual([40_000]);
    expect(amounts('sa')).toEqual([10_000, 75_000]);
  });
});
