import type { StoredEvent } from '@leadledger/event-store';
import { LEDGER_EVENT_TYPES, applyToLedger } from './ledger-engine';
import { LedgerLog, aPlan, ledgerOf, rep } from './ledger.fixtures';
import type { LedgerLine } from './ledger-line';
import { MemoryBook } from './memory-book';
import { statementOf } from './statement';
import { WORKED_EXAMPLES } from './worked-examples';

const at = (date: string) => `${date}T10:00:00+08:00`;
const amounts = (lines: readonly LedgerLine[]) => lines.map((l) => [l.payee.id, l.kind, l.amount]);
const example = (id: string) => ledgerOf(WORKED_EXAMPLES.find((e) => e.id === id)!.log);
const walkIn = (customerId: string, rep: string) =>
  ({ customerId, channel: 'walk-in', finder: rep, owner: rep, at: at('2026-02-01') }) as const;

describe('the worked examples of docs/commissions.md, by hand', () => {
  it('class rates: 12,000.00 x 8% = 960.00 (new rep-sourced), 10,000.00 x 5% = 500.00 (new company-provided)', () => {
    const lines = example('class-rates');
    expect(amounts(lines)).toEqual([
      ['rep-a', 'accrual', 96_000],
      ['rep-b', 'accrual', 50_000],
    ]);
    expect(lines.map((l) => l.attributionClass)).toEqual(['new-rep-sourced', 'new-company-provided']);
  });

  it('window: 59 days after the first sale is new (400.00), 120 days after is existing (150.00)', () => {
    const lines = example('new-customer-window');
    expect(amounts(lines)).toEqual([
      ['rep-a', 'accrual', 80_000],
      ['rep-a', 'accrual', 40_000],
      ['rep-a', 'accrual', 15_000],
    ]);
    expect(lines.map((l) => l.attributionClass)).toEqual(['new-rep-sourced', 'new-rep-sourced', 'existing']);
  });

  it('split: 3,333.33 x 5% = 166.67; the finder gets 50.00 (30%, rounded down) and the owner 116.67', () => {
    const lines = example('finder-owner-split');
    expect(amounts(lines)).toEqual([
      ['rep-c', 'accrual', 11_667],
      ['rep-b', 'accrual', 5_000],
    ]);
    expect(lines.map((l) => l.undividedAmount)).toEqual([16_667, 16_667]);
    expect(lines.map((l) => l.role)).toEqual(['owner', 'finder']);
  });

  it('tiers: 8,000.00 at x1 = 400.00, then 2,000.00 x1 + 10,000.00 x1.5 + 3,000.00 x2 = 100 + 750 + 300', () => {
    const lines = example('tiers');
    expect(lines.map((l) => [l.base, l.multiplierBps, l.amount])).toEqual([
      [800_000, 10_000, 40_000],
      [200_000, 10_000, 10_000],
      [1_000_000, 15_000, 75_000],
      [300_000, 20_000, 30_000],
    ]);
  });

  it('cap: 30,000.00 x 5% = 1,500.00 is capped at 1,000.00', () => {
    expect(amounts(example('cap'))).toEqual([['rep-b', 'accrual', 100_000]]);
  });

  it('clawback: 1,080.00 less a quarter (270.00) inside the window, nothing outside it', () => {
    const lines = example('clawback');
    expect(lines[1].arithmetic).toBe('12,000.00 x 6.00% x 1.5 = 1,080.00');
    expect(amounts(lines)).toEqual([
      ['rep-a', 'accrual', 120_000],
      ['rep-a', 'accrual', 108_000],
      ['rep-a', 'clawback', -27_000],
    ]);
    expect(lines[2]).toMatchObject({ referencesLineId: lines[1].lineId, rateBps: 600, multiplierBps: 15_000 });
  });

  it('collected: 600.00 and 900.00 of 1,500.00 collected earn 30.00 and 45.00; the partner 750.00 + 250.00 to the floor', () => {
    const lines = example('collected-basis');
    expect(amounts(lines)).toEqual([
      ['rep-b', 'accrual', 3_000],
      ['rep-b', 'accrual', 4_500],
      ['bank-x', 'accrual', 75_000],
      ['bank-x', 'accrual', 25_000],
    ]);
    expect(lines[2].payee).toEqual({ kind: 'partner', id: 'bank-x' });
  });

  it('late event: the March refund recorded after March closed claws back 240.00 in April; May opens at -240.00', () => {
    const lines = example('late-event');
    const clawback = lines.find((l) => l.kind === 'clawback')!;
    expect(clawback).toMatchObject({ amount: -24_000, period: '2026-04', naturalPeriod: '2026-03' });
    const totals = (period: string) => statementOf(rep('rep-a'), period, lines).totals[0];
    expect(totals('2026-03')).toMatchObject({ opening: 0n, accrued: 96_000n, paid: -96_000n, closingDue: 0n });
    expect(totals('2026-04')).toMatchObject({ opening: 0n, clawedBack: -24_000n, paid: 0n, closingDue: -24_000n });
    expect(totals('2026-05')).toMatchObject({ opening: -24_000n, closingDue: -24_000n });
  });
});

describe('attribution', () => {
  it('credits the owner at closedAt, not a later owner', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer(walkIn('c1', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-x' })
      .owner('c1', 'rep-b', at('2026-03-02'));
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 5_000]]);
  });

  it('uses the ownership history: a sale back-dated into an earlier owner goes to that owner', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer(walkIn('c1', 'rep-a'))
      .owner('c1', 'rep-b', at('2026-03-10'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-05'), closingRepId: 'rep-b' });
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 5_000]]);
  });

  it('credits the closer when nobody owned the customer at closedAt (released to the pool)', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer(walkIn('c1', 'rep-a'))
      .release('c1', 'rep-a', at('2026-02-20'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-z' });
    expect(amounts(ledgerOf(log))).toEqual([['rep-z', 'accrual', 5_000]]);
  });

  it('is company-provided when the first lead was rep-sourced by someone other than the credited rep', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2026-02-01') })
      .owner('c1', 'rep-b', at('2026-02-15'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-b' });
    expect(ledgerOf(log).map((l) => [l.payee.id, l.attributionClass])).toEqual([['rep-b', 'new-company-provided']]);
  });
});

describe('plan rules', () => {
  it('pays on gross margin where the sale carries its cost: (10,000.00 - 6,000.00) x 5% = 200.00', () => {
    const log = new LedgerLog().plan(aPlan({ amountBase: 'gross-margin' })).customer(walkIn('c1', 'rep-a'));
    log.sale({
      saleId: 's1',
      customerId: 'c1',
      amount: 1_000_000,
      cost: 600_000,
      closedAt: at('2026-03-01'),
      closingRepId: 'rep-a',
    });
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 20_000]]);
  });

  it('adds the flat amount per sale to the credited rep alone: 20.00 per order', () => {
    const log = new LedgerLog().plan(aPlan({ flatPerSaleMinor: 2_000, finderShareBps: 5000 }));
    log.customer(walkIn('c1', 'rep-a')).owner('c1', 'rep-b', at('2026-02-02'));
    log.sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-b' });
    expect(ledgerOf(log).map((l) => [l.payee.id, l.rule, l.amount])).toEqual([
      ['rep-b', 'rate', 2_500],
      ['rep-a', 'rate', 2_500],
      ['rep-b', 'flat', 2_000],
    ]);
  });

  it('tops a small sale up to the minimum: 1,000.00 x 5% = 50.00, minimum 80.00 adds 30.00', () => {
    const log = new LedgerLog().plan(aPlan({ minimumPerSaleMinor: 8_000 }));
    log.customer(walkIn('c1', 'rep-a'));
    log.sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' });
    expect(ledgerOf(log).map((l) => [l.rule, l.amount])).toEqual([
      ['rate', 5_000],
      ['minimum', 3_000],
    ]);
  });

  it('rounds half-even when the plan says so: 1,234.50 x 1% = 12.345 -> 12.34', () => {
    const log = new LedgerLog().plan(
      aPlan({
        rounding: 'half-even',
        ratesBps: { 'new-rep-sourced': 100, 'new-company-provided': 100, existing: 100 },
      }),
    );
    log.customer(walkIn('c1', 'rep-a'));
    log.sale({ saleId: 's1', customerId: 'c1', amount: 123_450, closedAt: at('2026-03-01'), closingRepId: 'rep-a' });
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 1_234]]);
  });
});

describe('clawbacks', () => {
  const splitSale = () =>
    new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer(walkIn('c1', 'rep-f'))
      .owner('c1', 'rep-o', at('2026-02-02'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 1_000_000, closedAt: at('2026-03-01'), closingRepId: 'rep-o' });

  it('a cancellation inside the window claws back every line to the cent', () => {
    const lines = ledgerOf(splitSale().cancel('s1', 1_000_000, at('2026-03-20')));
    expect(amounts(lines)).toEqual([
      ['rep-o', 'accrual', 35_000],
      ['rep-f', 'accrual', 15_000],
      ['rep-o', 'clawback', -35_000],
      ['rep-f', 'clawback', -15_000],
    ]);
  });

  it('a partial refund claws back both finder and owner pro rata: 500.00 x 1,000.00 / 10,000.00 = 50.00', () => {
    const lines = ledgerOf(splitSale().refund('s1', 100_000, at('2026-03-20')));
    expect(amounts(lines.slice(2))).toEqual([
      ['rep-o', 'clawback', -3_500],
      ['rep-f', 'clawback', -1_500],
    ]);
  });

  it('on the collected basis, a refund of money never collected claws back nothing', () => {
    const log = new LedgerLog()
      .plan(aPlan({ basis: 'collected' }))
      .customer(walkIn('c1', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 1_000_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' })
      .payment('s1', 400_000, at('2026-03-05'))
      .refund('s1', 500_000, at('2026-03-10'));
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 20_000]]);
  });

  it('on the collected basis, money returned claws back what it had earned', () => {
    const log = new LedgerLog()
      .plan(aPlan({ basis: 'collected' }))
      .customer(walkIn('c1', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 1_000_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' })
      .payment('s1', 1_000_000, at('2026-03-05'))
      .refund('s1', 200_000, at('2026-03-10'));
    expect(amounts(ledgerOf(log))).toEqual([
      ['rep-a', 'accrual', 50_000],
      ['rep-a', 'clawback', -10_000],
    ]);
  });

  it('the window is inclusive: a refund exactly 90 days after closedAt still claws back', () => {
    const log = splitSale().refund('s1', 1_000_000, '2026-05-30T10:00:00+08:00');
    expect(ledgerOf(log).filter((l) => l.kind === 'clawback')).toHaveLength(2);
  });
});

describe('adjustments and payouts', () => {
  it('posts an adjustment as its own line with the reason in its arithmetic', () => {
    const lines = ledgerOf(
      new LedgerLog().adjust(rep('rep-a'), -1_500, '2026-03', at('2026-03-31'), 'duplicate order'),
    );
    expect(lines).toMatchObject([{ kind: 'adjustment', amount: -1_500, period: '2026-03' }]);
    expect(lines[0].arithmetic).toBe('adjustment -15.00: duplicate order');
  });

  it('posts an adjustment for a closed period into the earliest open one', () => {
    const log = new LedgerLog()
      .payout('2026-03', [], at('2026-04-01'))
      .adjust(rep('rep-a'), 500, '2026-03', at('2026-04-02'));
    expect(ledgerOf(log)).toMatchObject([{ period: '2026-04', naturalPeriod: '2026-03' }]);
  });
});

describe('events the ledger cannot use', () => {
  it('posts a sale recorded twice (a replayed event) once', () => {
    const log = new LedgerLog().plan(aPlan()).customer(walkIn('c1', 'rep-a'));
    const sale = { saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' };
    log.sale(sale).sale({ ...sale, amount: 900_000 });
    // 1,000.00 x 5% = 50.00, once; the second recording (9,000.00) is ignored
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 5_000]]);
  });

  it('posts nothing for a sale naming a plan version it never saw, nor for its payments and refunds', () => {
    const log = new LedgerLog()
      .plan(aPlan({ basis: 'collected' }))
      .customer(walkIn('c1', 'rep-a'))
      .sale({
        saleId: 's1',
        customerId: 'c1',
        amount: 100_000,
        closedAt: at('2026-03-01'),
        closingRepId: 'rep-a',
        plan: { planId: 'standard', version: 9 },
      })
      .payment('s1', 100_000, at('2026-03-05'))
      .refund('s1', 10_000, at('2026-03-06'))
      .cancel('s1', 100_000, at('2026-03-07'));
    expect(ledgerOf(log)).toEqual([]);
  });

  it('posts nothing for payments, refunds and cancellations of a sale it never recorded', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .payment('ghost', 100_000, at('2026-03-05'))
      .refund('ghost', 10_000, at('2026-03-06'))
      .cancel('ghost', 100_000, at('2026-03-07'));
    expect(ledgerOf(log)).toEqual([]);
  });

  it('opens no partner track when the lead names a partner but the plan pays none', () => {
    const log = new LedgerLog()
      .plan(aPlan({ partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null } }))
      .customer({ ...walkIn('c1', 'rep-a'), referralPartnerId: null })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' });
    expect(amounts(ledgerOf(log))).toEqual([['rep-a', 'accrual', 5_000]]);
  });

  it('reads the customer, lead, plan, sale and period events and nothing else', () => {
    expect([...LEDGER_EVENT_TYPES].sort()).toEqual(
      [
        'CommissionAdjusted',
        'CommissionPaidOut',
        'CommissionPlanPublished',
        'CustomerRegistered',
        'CustomerReleased',
        'LeadReceived',
        'OwnershipAssigned',
        'PaymentReceived',
        'PeriodClosed',
        'SaleCancelled',
        'SaleRecorded',
        'SaleRefunded',
      ].sort(),
    );
  });
});

describe('adjustment and payout lines', () => {
  const stored = (type: string, data: object, occurredAt = at('2026-03-31')): StoredEvent => ({
    id: 'ev-1',
    type,
    streamId: 'commission-periods',
    revision: 0n,
    position: 41n,
    data: data as StoredEvent['data'],
    metadata: {
      actorId: 'mgr-zhao',
      actorRole: 'manager',
      reason: null,
      occurredAt,
      recordedAt: occurredAt,
      correlationId: 'c1',
      causationId: null,
      idempotencyKey: null,
      schemaVersion: 1,
    },
  });

  it('posts a positive adjustment with its sign, its reason and what it refers to, and no sale provenance', () => {
    const event = stored('CommissionAdjusted', {
      adjustmentId: 'adj-1',
      payee: rep('rep-a'),
      currency: 'CNY',
      amount: 1_500,
      period: '2026-03',
      reason: 'missed order',
      reference: 's7',
    });
    expect(applyToLedger(new MemoryBook(), event)).toEqual([
      {
        lineId: 'ev-1:0',
        payee: rep('rep-a'),
        kind: 'adjustment',
        rule: 'adjustment',
        period: '2026-03',
        naturalPeriod: '2026-03',
        currency: 'CNY',
        amount: 1_500,
        occurredAt: at('2026-03-31'),
        position: '41',
        sourceEventIds: ['ev-1'],
        saleId: null,
        paymentId: null,
        refundId: null,
        adjustmentId: 'adj-1',
        payoutRunId: null,
        planId: null,
        planVersion: null,
        attributionClass: null,
        role: null,
        rateBps: null,
        multiplierBps: null,
        base: null,
        groupId: null,
        undividedAmount: null,
        referencesLineId: null,
        arithmetic: 'adjustment +15.00: missed order',
        note: 'refers to s7',
      },
    ]);
  });

  it('posts a payout as a negative line of the run, in the period it closes', () => {
    const event = stored('CommissionPaidOut', {
      payoutRunId: 'run-2026-03',
      period: '2026-03',
      payee: rep('rep-a'),
      currency: 'CNY',
      amount: 96_000,
    });
    expect(applyToLedger(new MemoryBook(), event)).toMatchObject([
      {
        kind: 'payout',
        rule: 'payout',
        period: '2026-03',
        naturalPeriod: '2026-03',
        amount: -96_000,
        adjustmentId: null,
        payoutRunId: 'run-2026-03',
        saleId: null,
        arithmetic: 'payout of the due balance through 2026-03 = -960.00',
        note: null,
      },
    ]);
  });

  it('posts nothing for the close itself, but moves later lines of that period to the next', () => {
    const book = new MemoryBook();
    expect(applyToLedger(book, stored('PeriodClosed', { payoutRunId: 'run-2026-03', period: '2026-03' }))).toEqual([]);
    expect(book.closedThrough()).toBe('2026-03');
  });
});
