import type { CommissionPlan } from '../plan/commission-plan';
import { LedgerLog, aPlan, ledgerOf } from './ledger.fixtures';
import type { LedgerLine } from './ledger-line';

/*
 * Plan features meeting several payments, partial and late refunds. Every amount below is
 * worked by hand in the comment above it, never copied from the engine.
 *
 * Unless a test says otherwise: c1 walked in to rep-a, who owns them, so every sale is new
 * company-provided at 5.00% and rep-a is credited alone. Sales close on 1 March 10:00
 * (+08:00); the clawback window is 90 days, so it ends on 30 May 10:00 (+08:00).
 */
const at = (date: string, time = '10:00:00') => `${date}T${time}+08:00`;
const CLOSED = at('2026-03-01');

function saleLog(plan: Partial<CommissionPlan>, amount: number, extra: { cost?: number; partner?: string } = {}) {
  return new LedgerLog()
    .plan(aPlan(plan))
    .customer({
      customerId: 'c1',
      channel: 'walk-in',
      finder: 'rep-a',
      owner: 'rep-a',
      at: at('2026-02-01'),
      referralPartnerId: extra.partner ?? null,
    })
    .sale({
      saleId: 's1',
      customerId: 'c1',
      amount,
      cost: extra.cost ?? null,
      closedAt: CLOSED,
      closingRepId: 'rep-a',
    });
}

const rows = (lines: readonly LedgerLine[]) => lines.map((l) => [l.payee.id, l.kind, l.rule, l.amount]);
const total = (lines: readonly LedgerLine[], payeeId: string) =>
  lines.filter((l) => l.payee.id === payeeId).reduce((sum, l) => sum + l.amount, 0);

describe('tiers across several accruals in a period (collected basis, x2 above 10,000.00 a month)', () => {
  const tiered = { basis: 'collected', tiers: [{ aboveMinor: 1_000_000, multiplierBps: 20_000 }] } as const;

  it("counts each payment's credited base once: the third March payment crosses the threshold, April starts again at x1", () => {
    const log = saleLog(tiered, 3_000_000)
      .payment('s1', 400_000, at('2026-03-05'))
      .payment('s1', 400_000, at('2026-03-10'))
      .payment('s1', 400_000, at('2026-03-15'))
      .payment('s1', 1_000_000, at('2026-04-02'));
    // 5 Mar: 4,000.00 credited, 0 before: x1 -> 4,000.00 x 5% = 200.00
    // 10 Mar: 4,000.00 credited, 4,000.00 before: x1 -> 200.00
    // 15 Mar: 8,000.00 before; 2,000.00 up to 10,000.00 at x1 = 100.00, 2,000.00 above at x2 = 200.00
    // 2 Apr: a new month, 0 before: 10,000.00 at x1 = 500.00
    expect(ledgerOf(log).map((l) => [l.naturalPeriod, l.base, l.multiplierBps, l.amount])).toEqual([
      ['2026-03', 400_000, 10_000, 20_000],
      ['2026-03', 400_000, 10_000, 20_000],
      ['2026-03', 200_000, 10_000, 10_000],
      ['2026-03', 200_000, 20_000, 20_000],
      ['2026-04', 1_000_000, 10_000, 50_000],
    ]);
  });

  it('states the tier in the arithmetic of each part', () => {
    const log = saleLog(tiered, 3_000_000).payment('s1', 1_200_000, at('2026-03-05'));
    // 10,000.00 x 5% x1 = 500.00; 2,000.00 x 5% x2 = 200.00, each part its own group
    expect(ledgerOf(log).map((l) => [l.groupId, l.arithmetic])).toEqual([
      ['s1:0', '10,000.00 x 5.00% x 1 = 500.00'],
      ['s1:1', '2,000.00 x 5.00% x 2 = 200.00'],
    ]);
  });
});

describe('the flat amount per sale (20.00)', () => {
  it('is paid once, with the first payment, however many payments follow (collected basis)', () => {
    const log = saleLog({ basis: 'collected', flatPerSaleMinor: 2_000 }, 100_000)
      .payment('s1', 40_000, at('2026-03-05'))
      .payment('s1', 30_000, at('2026-03-10'))
      .payment('s1', 30_000, at('2026-03-15'));
    // 400.00 x 5% = 20.00 and the flat 20.00; then 300.00 x 5% = 15.00 twice, with no second or third flat: 70.00
    expect(rows(ledgerOf(log))).toEqual([
      ['rep-a', 'accrual', 'rate', 2_000],
      ['rep-a', 'accrual', 'flat', 2_000],
      ['rep-a', 'accrual', 'rate', 1_500],
      ['rep-a', 'accrual', 'rate', 1_500],
    ]);
    expect(ledgerOf(log)[1].arithmetic).toBe('flat per sale = 20.00');
  });

  it('falls pro rata with a refund inside the window, like every accrual still standing', () => {
    const log = saleLog({ basis: 'collected', flatPerSaleMinor: 2_000 }, 100_000)
      .payment('s1', 40_000, at('2026-03-05'))
      .payment('s1', 60_000, at('2026-03-10'))
      .refund('s1', 50_000, at('2026-03-20'));
    // Cover falls from 1,000.00 to 500.00, half: 20.00 -> 10.00, flat 20.00 -> 10.00, 30.00 -> 15.00
    const lines = ledgerOf(log);
    expect(rows(lines.slice(3))).toEqual([
      ['rep-a', 'clawback', 'rate', -1_000],
      ['rep-a', 'clawback', 'flat', -1_000],
      ['rep-a', 'clawback', 'rate', -1_500],
    ]);
    expect(lines[4].arithmetic).toBe('-(20.00 x 500.00 / 1,000.00 = 10.00)');
    expect(total(lines, 'rep-a')).toBe(3_500); // 70.00 - 35.00
  });

  it('is not paid at all when the plan has none, or a zero one', () => {
    const none = saleLog({ flatPerSaleMinor: null }, 100_000);
    const zero = saleLog({ flatPerSaleMinor: 0 }, 100_000);
    // 1,000.00 x 5% = 50.00, nothing else
    expect(rows(ledgerOf(none))).toEqual([['rep-a', 'accrual', 'rate', 5_000]]);
    expect(rows(ledgerOf(zero))).toEqual([['rep-a', 'accrual', 'rate', 5_000]]);
  });
});

describe('the minimum per sale (80.00)', () => {
  it('is topped up only when the sale is fully collected, never on a partial payment (collected basis)', () => {
    const log = saleLog({ basis: 'collected', minimumPerSaleMinor: 8_000 }, 100_000)
      .payment('s1', 40_000, at('2026-03-05'))
      .payment('s1', 60_000, at('2026-03-10'));
    // 400.00 x 5% = 20.00 (400.00 of 1,000.00: no top-up); 600.00 x 5% = 30.00, collected in full:
    // 80.00 - (20.00 + 30.00) = 30.00. The rep ends at 80.00.
    const lines = ledgerOf(log);
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 2_000],
      ['rep-a', 'accrual', 'rate', 3_000],
      ['rep-a', 'accrual', 'minimum', 3_000],
    ]);
    expect(lines[2].arithmetic).toBe('minimum per sale 80.00 - accrued 50.00 = 30.00');
    expect(total(lines, 'rep-a')).toBe(8_000);
  });

  it('counts a partial refund: the net amount collected in full earns the top-up', () => {
    const log = saleLog({ basis: 'collected', minimumPerSaleMinor: 8_000 }, 100_000)
      .refund('s1', 20_000, at('2026-03-03'))
      .payment('s1', 80_000, at('2026-03-05'));
    // The refund comes before any money: nothing to claw back. Net 800.00, collected 800.00 = in full:
    // 800.00 x 5% = 40.00, topped up by 80.00 - 40.00 = 40.00
    expect(rows(ledgerOf(log))).toEqual([
      ['rep-a', 'accrual', 'rate', 4_000],
      ['rep-a', 'accrual', 'minimum', 4_000],
    ]);
  });

  it('is topped up when a refund brings the net down to what was collected, as when the order is reversed', () => {
    const paidThenRefunded = saleLog({ basis: 'collected', minimumPerSaleMinor: 8_000 }, 100_000)
      .payment('s1', 80_000, at('2026-03-05'))
      .refund('s1', 20_000, at('2026-03-06'));
    // 800.00 of 1,000.00 collected: 800.00 x 5% = 40.00, not in full. The refund of 200.00 makes the
    // net 800.00, all of it collected: in full, nothing to claw back, 80.00 - 40.00 = 40.00 topped up.
    const lines = ledgerOf(paidThenRefunded);
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 4_000],
      ['rep-a', 'accrual', 'minimum', 4_000],
    ]);
    expect(lines[1]).toMatchObject({ refundId: expect.any(String), paymentId: null });
    const refundedThenPaid = saleLog({ basis: 'collected', minimumPerSaleMinor: 8_000 }, 100_000)
      .refund('s1', 20_000, at('2026-03-05'))
      .payment('s1', 80_000, at('2026-03-06'));
    expect(total(ledgerOf(refundedThenPaid), 'rep-a')).toBe(total(lines, 'rep-a'));
  });

  it('is topped up on what still stands when a refund claws back and leaves the sale collected in full', () => {
    const log = saleLog({ basis: 'collected', minimumPerSaleMinor: 8_000 }, 100_000)
      .payment('s1', 60_000, at('2026-03-05'))
      .refund('s1', 50_000, at('2026-03-06'));
    // 600.00 x 5% = 30.00. The refund makes the net 500.00, below the 600.00 collected: cover falls
    // to 500.00, -(30.00 x 100.00 / 600.00) = -5.00, and the sale is in full: 80.00 - 25.00 = 55.00.
    const lines = ledgerOf(log);
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 3_000],
      ['rep-a', 'clawback', 'rate', -500],
      ['rep-a', 'accrual', 'minimum', 5_500],
    ]);
    expect(lines[2].arithmetic).toBe('minimum per sale 80.00 - accrued 25.00 = 55.00');
    expect(total(lines, 'rep-a')).toBe(8_000);
  });

  it('does not count the flat amount towards it', () => {
    // 1,000.00 x 5% = 50.00 and the flat 20.00; the top-up is 80.00 - 50.00 = 30.00, not 80.00 - 70.00
    const lines = ledgerOf(saleLog({ minimumPerSaleMinor: 8_000, flatPerSaleMinor: 2_000 }, 100_000));
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 5_000],
      ['rep-a', 'accrual', 'flat', 2_000],
      ['rep-a', 'accrual', 'minimum', 3_000],
    ]);
  });

  it('is not topped up when the rate already pays more than the minimum', () => {
    // 2,000.00 x 5% = 100.00 >= 80.00
    expect(rows(ledgerOf(saleLog({ minimumPerSaleMinor: 8_000 }, 200_000)))).toEqual([
      ['rep-a', 'accrual', 'rate', 10_000],
    ]);
  });

  it('is shared with the finder like the rate, and both fall pro rata with a refund', () => {
    const log = new LedgerLog()
      .plan(aPlan({ minimumPerSaleMinor: 8_000, finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-f', owner: 'rep-f', at: at('2026-02-01') })
      .owner('c1', 'rep-o', at('2026-02-10'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: CLOSED, closingRepId: 'rep-o' })
      .refund('s1', 25_000, at('2026-03-20'));
    // Rate 1,000.00 x 5% = 50.00: finder 30% = 15.00, owner 35.00.
    // Minimum 80.00 - 50.00 = 30.00: finder 9.00, owner 21.00.
    // Refund of a quarter: rate 50.00 x 250.00 / 1,000.00 = 12.50 (finder 3.75, owner 8.75);
    // minimum 30.00 / 4 = 7.50 (finder 2.25, owner 5.25).
    const lines = ledgerOf(log);
    expect(rows(lines)).toEqual([
      ['rep-o', 'accrual', 'rate', 3_500],
      ['rep-f', 'accrual', 'rate', 1_500],
      ['rep-o', 'accrual', 'minimum', 2_100],
      ['rep-f', 'accrual', 'minimum', 900],
      ['rep-o', 'clawback', 'rate', -875],
      ['rep-f', 'clawback', 'rate', -375],
      ['rep-o', 'clawback', 'minimum', -525],
      ['rep-f', 'clawback', 'minimum', -225],
    ]);
    // The rate's base falls by a quarter too: -(1,000.00 x 250.00 / 1,000.00) = -250.00; a top-up has none.
    expect(lines.slice(4).map((l) => l.base)).toEqual([-25_000, -25_000, null, null]);
    expect(lines.slice(4).map((l) => l.arithmetic)).toEqual([
      '-(50.00 x 250.00 / 1,000.00 = 12.50 at 5.00% x 1); owner part = -8.75',
      '-(50.00 x 250.00 / 1,000.00 = 12.50 at 5.00% x 1); finder part = -3.75',
      '-(30.00 x 250.00 / 1,000.00 = 7.50); owner part = -5.25',
      '-(30.00 x 250.00 / 1,000.00 = 7.50); finder part = -2.25',
    ]);
  });
});

describe('the cap per sale (100.00) across payments', () => {
  it('pays up to the cap, says where it was reached, and pays nothing after', () => {
    const log = saleLog({ basis: 'collected', capPerSaleMinor: 10_000 }, 400_000)
      .payment('s1', 150_000, at('2026-03-05'))
      .payment('s1', 150_000, at('2026-03-10'))
      .payment('s1', 100_000, at('2026-03-15'));
    // 1,500.00 x 5% = 75.00; then 75.00 more but only 100.00 - 75.00 = 25.00 left; then nothing.
    const lines = ledgerOf(log);
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 7_500],
      ['rep-a', 'accrual', 'rate', 2_500],
    ]);
    expect(lines[0]).toMatchObject({ note: null, arithmetic: '1,500.00 x 5.00% x 1 = 75.00' });
    expect(lines[1]).toMatchObject({
      note: 'cap per sale reached',
      arithmetic: '1,500.00 x 5.00% x 1 = 75.00, capped at 100.00 per sale = 25.00',
    });
  });

  it('counts the flat amount against the cap', () => {
    // 1,000.00 x 5% = 50.00, then the flat 20.00 of which only 60.00 - 50.00 = 10.00 fits
    const lines = ledgerOf(saleLog({ capPerSaleMinor: 6_000, flatPerSaleMinor: 2_000 }, 100_000));
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 5_000],
      ['rep-a', 'accrual', 'flat', 1_000],
    ]);
    expect(lines[1].arithmetic).toBe('flat per sale = 20.00, capped at 60.00 per sale = 10.00');
  });
});

describe('the clawback window (90 days: until 30 May 10:00)', () => {
  const withPartner = () =>
    saleLog({ partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null } }, 100_000, { partner: 'bank-x' });

  it('claws back both the rep and the partner for a refund at its last instant', () => {
    const lines = ledgerOf(withPartner().refund('s1', 50_000, at('2026-05-30')));
    // Rep 1,000.00 x 5% = 50.00, partner 1,000.00 x 10% = 100.00; half refunded: -25.00 and -50.00
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 5_000],
      ['bank-x', 'accrual', 'partner-fee', 10_000],
      ['rep-a', 'clawback', 'rate', -2_500],
      ['bank-x', 'clawback', 'partner-fee', -5_000],
    ]);
  });

  it('claws back neither for a refund one millisecond after it ends', () => {
    const lines = ledgerOf(withPartner().refund('s1', 50_000, at('2026-05-30', '10:00:00.001')));
    expect(rows(lines)).toEqual([
      ['rep-a', 'accrual', 'rate', 5_000],
      ['bank-x', 'accrual', 'partner-fee', 10_000],
    ]);
  });

  it('claws back neither for a cancellation after it ends', () => {
    const lines = ledgerOf(withPartner().cancel('s1', 100_000, at('2026-07-01')));
    expect(lines.map((l) => l.kind)).toEqual(['accrual', 'accrual']);
  });
});

describe('partial refunds one after another', () => {
  it('claws each back from what the earlier ones left standing', () => {
    const log = saleLog({}, 100_000).refund('s1', 25_000, at('2026-03-10')).refund('s1', 25_000, at('2026-03-20'));
    // 50.00 accrued on 1,000.00. First refund: 50.00 x 250.00 / 1,000.00 = 12.50, leaving 37.50 on 750.00.
    // Second: 37.50 x 250.00 / 750.00 = 12.50 (not 50.00 x 250.00 / 750.00 = 16.67). 25.00 stands.
    const lines = ledgerOf(log);
    expect(lines.map((l) => [l.kind, l.amount, l.arithmetic])).toEqual([
      ['accrual', 5_000, '1,000.00 x 5.00% x 1 = 50.00'],
      ['clawback', -1_250, '-(50.00 x 250.00 / 1,000.00 = 12.50) at 5.00% x 1'],
      ['clawback', -1_250, '-(37.50 x 250.00 / 750.00 = 12.50) at 5.00% x 1'],
    ]);
    expect(total(lines, 'rep-a')).toBe(2_500);
  });

  it("gives each clawback the base it takes back, so the bases add up to the sale's (not the whole base again)", () => {
    const log = saleLog({}, 1_000_000)
      .refund('s1', 333_333, at('2026-03-10'))
      .refund('s1', 333_333, at('2026-03-20'))
      .refund('s1', 333_334, at('2026-03-30'));
    // 10,000.00 accrued. Each refund takes back its own share of the base still standing:
    // 10,000.00 x 3,333.33 / 10,000.00 = 3,333.33; 6,666.67 x 3,333.33 / 6,666.67 = 3,333.33; the rest, 3,333.34.
    const lines = ledgerOf(log);
    expect(lines.map((l) => [l.kind, l.base])).toEqual([
      ['accrual', 1_000_000],
      ['clawback', -333_333],
      ['clawback', -333_333],
      ['clawback', -333_334],
    ]);
    expect(lines.reduce((sum, l) => sum + (l.base ?? 0), 0)).toBe(0);
    expect(total(lines, 'rep-a')).toBe(0);
  });
});

describe('a clawback to nothing (full cover lost)', () => {
  it('claws back exactly what each line has left, after a partial refund rounded the split', () => {
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-f', owner: 'rep-f', at: at('2026-02-01') })
      .owner('c1', 'rep-o', at('2026-02-10'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 333_333, closedAt: CLOSED, closingRepId: 'rep-o' })
      .refund('s1', 111_111, at('2026-03-10'))
      .cancel('s1', 333_333, at('2026-03-20'));
    // 3,333.33 x 5% = 166.6665 -> 166.67 (half-up): finder 30% = 50.001 -> 50.00 (down), owner 116.67.
    // A third refunded: 166.67 x 1,111.11 / 3,333.33 = 55.5567 -> 55.56: finder 16.668 -> 16.66, owner 38.90.
    // Left: owner 116.67 - 38.90 = 77.77, finder 50.00 - 16.66 = 33.34. The cancellation takes exactly
    // that (a 30% split of the 111.11 left would give the finder 33.33 and leave a cent standing).
    const lines = ledgerOf(log);
    expect(rows(lines)).toEqual([
      ['rep-o', 'accrual', 'rate', 11_667],
      ['rep-f', 'accrual', 'rate', 5_000],
      ['rep-o', 'clawback', 'rate', -3_890],
      ['rep-f', 'clawback', 'rate', -1_666],
      ['rep-o', 'clawback', 'rate', -7_777],
      ['rep-f', 'clawback', 'rate', -3_334],
    ]);
    expect(total(lines, 'rep-o')).toBe(0);
    expect(total(lines, 'rep-f')).toBe(0);
    expect(lines[4].referencesLineId).toBe(lines[0].lineId);
    expect(lines[5].referencesLineId).toBe(lines[1].lineId);
  });

  it('claws back nothing more once nothing is left, for a later cancellation', () => {
    const log = saleLog({}, 100_000).refund('s1', 100_000, at('2026-03-10')).cancel('s1', 100_000, at('2026-03-20'));
    // 50.00 accrued, 50.00 clawed back by the full refund; the cancellation finds nothing standing.
    expect(rows(ledgerOf(log))).toEqual([
      ['rep-a', 'accrual', 'rate', 5_000],
      ['rep-a', 'clawback', 'rate', -5_000],
    ]);
  });

  it("claws back nothing more of the partner's fee either", () => {
    const log = saleLog({ partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null } }, 100_000, {
      partner: 'bank-x',
    })
      .refund('s1', 100_000, at('2026-03-10'))
      .cancel('s1', 100_000, at('2026-03-20'));
    // Rep 1,000.00 x 5% = 50.00, partner 1,000.00 x 10% = 100.00; the full refund takes both back, the
    // cancellation nothing.
    expect(rows(ledgerOf(log))).toEqual([
      ['rep-a', 'accrual', 'rate', 5_000],
      ['bank-x', 'accrual', 'partner-fee', 10_000],
      ['rep-a', 'clawback', 'rate', -5_000],
      ['bank-x', 'clawback', 'partner-fee', -10_000],
    ]);
  });
});

describe('the commission base: revenue or gross margin', () => {
  it('pays a gross-margin plan on revenue when the sale records no cost', () => {
    // 10,000.00 x 5% = 500.00
    expect(rows(ledgerOf(saleLog({ amountBase: 'gross-margin' }, 1_000_000)))).toEqual([
      ['rep-a', 'accrual', 'rate', 50_000],
    ]);
  });

  it('pays a revenue plan on revenue even when the sale records a cost', () => {
    // 10,000.00 x 5% = 500.00, not (10,000.00 - 6,000.00) x 5% = 200.00
    expect(rows(ledgerOf(saleLog({ amountBase: 'revenue' }, 1_000_000, { cost: 600_000 })))).toEqual([
      ['rep-a', 'accrual', 'rate', 50_000],
    ]);
  });

  it('pays nothing on a negative margin (cost above the amount), and the minimum still applies', () => {
    const log = saleLog({ amountBase: 'gross-margin', minimumPerSaleMinor: 8_000 }, 1_000_000, { cost: 1_200_000 });
    // margin max(0, 10,000.00 - 12,000.00) = 0: no rate line; the minimum 80.00 - 0.00 = 80.00
    const lines = ledgerOf(log);
    expect(rows(lines)).toEqual([['rep-a', 'accrual', 'minimum', 8_000]]);
    expect(lines[0].arithmetic).toBe('minimum per sale 80.00 - accrued 0.00 = 80.00');
  });

  it('pays the margin pro rata to what is collected', () => {
    const log = saleLog({ amountBase: 'gross-margin', basis: 'collected' }, 1_000_000, { cost: 600_000 });
    log.payment('s1', 500_000, at('2026-03-05'));
    // margin 4,000.00; half collected: base 2,000.00 x 5% = 100.00
    expect(ledgerOf(log).map((l) => [l.base, l.amount])).toEqual([[200_000, 10_000]]);
  });
});

describe("the referral partner's fee (bank-x, 10.00%)", () => {
  it('on the collected basis, is charged on each payment, not the running total, and the floor waits for the last', () => {
    const log = saleLog({ partnerFee: { shareBps: 1000, basis: 'collected', minimumMinor: 25_000 } }, 200_000, {
      partner: 'bank-x',
    })
      .payment('s1', 80_000, at('2026-03-05'))
      .payment('s1', 60_000, at('2026-03-10'))
      .payment('s1', 60_000, at('2026-03-15'));
    // 800.00 x 10% = 80.00; 600.00 x 10% = 60.00; 600.00 x 10% = 60.00, collected in full:
    // floor 250.00 - (80.00 + 60.00 + 60.00) = 50.00. The rep's 5% is booked: 2,000.00 x 5% = 100.00.
    const partner = ledgerOf(log).filter((l) => l.payee.kind === 'partner');
    expect(partner.map((l) => [l.rule, l.amount, l.arithmetic])).toEqual([
      ['partner-fee', 8_000, '800.00 x 10.00% = 80.00'],
      ['partner-fee', 6_000, '600.00 x 10.00% = 60.00'],
      ['partner-fee', 6_000, '600.00 x 10.00% = 60.00'],
      ['minimum', 5_000, 'floor 250.00 - fee 200.00 = 50.00'],
    ]);
    expect(partner.map((l) => [l.kind, l.role, l.groupId, l.rateBps, l.multiplierBps, l.base])).toEqual([
      ['accrual', 'partner', 's1:p0', 1000, 10_000, 80_000],
      ['accrual', 'partner', 's1:p1', 1000, 10_000, 60_000],
      ['accrual', 'partner', 's1:p2', 1000, 10_000, 60_000],
      ['accrual', 'partner', 's1:p3', null, null, null],
    ]);
    expect(total(ledgerOf(log), 'rep-a')).toBe(10_000);
  });

  it('on the collected-in-full basis, waits until the net amount is collected, counting a partial refund', () => {
    const log = saleLog({ partnerFee: { shareBps: 1000, basis: 'collected-in-full', minimumMinor: null } }, 100_000, {
      partner: 'bank-x',
    })
      .refund('s1', 20_000, at('2026-03-03'))
      .payment('s1', 50_000, at('2026-03-05'))
      .payment('s1', 30_000, at('2026-03-10'));
    // Net 1,000.00 - 200.00 = 800.00: nothing at 500.00 collected; at 800.00, 800.00 x 10% = 80.00
    const partner = ledgerOf(log).filter((l) => l.payee.kind === 'partner');
    expect(partner.map((l) => [l.occurredAt, l.base, l.amount])).toEqual([[at('2026-03-10'), 80_000, 8_000]]);
  });

  it('on the collected basis, tops up to the floor once the net amount is collected, counting a partial refund', () => {
    const log = saleLog({ partnerFee: { shareBps: 1000, basis: 'collected', minimumMinor: 15_000 } }, 100_000, {
      partner: 'bank-x',
    })
      .refund('s1', 20_000, at('2026-03-03'))
      .payment('s1', 80_000, at('2026-03-05'));
    // Net 800.00 collected in full: 800.00 x 10% = 80.00, floor 150.00 - 80.00 = 70.00
    const partner = ledgerOf(log).filter((l) => l.payee.kind === 'partner');
    expect(partner.map((l) => [l.rule, l.amount])).toEqual([
      ['partner-fee', 8_000],
      ['minimum', 7_000],
    ]);
  });

  it('on the collected-in-full basis, pays nothing on a sale cancelled before it was collected', () => {
    const log = saleLog({ partnerFee: { shareBps: 1000, basis: 'collected-in-full', minimumMinor: 5_000 } }, 100_000, {
      partner: 'bank-x',
    })
      .payment('s1', 50_000, at('2026-03-05'))
      .cancel('s1', 100_000, at('2026-03-10'));
    expect(ledgerOf(log).filter((l) => l.payee.kind === 'partner')).toEqual([]);
  });

  it('tops a booked fee up to the floor at once, and claws the floor back pro rata', () => {
    const log = saleLog({ partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: 15_000 } }, 100_000, {
      partner: 'bank-x',
    }).refund('s1', 40_000, at('2026-03-10'));
    // 1,000.00 x 10% = 100.00, floor 150.00 - 100.00 = 50.00; 40% refunded: -40.00 and -20.00
    const partner = ledgerOf(log).filter((l) => l.payee.kind === 'partner');
    expect(partner.map((l) => [l.kind, l.rule, l.amount])).toEqual([
      ['accrual', 'partner-fee', 10_000],
      ['accrual', 'minimum', 5_000],
      ['clawback', 'partner-fee', -4_000],
      ['clawback', 'minimum', -2_000],
    ]);
    expect(partner[2].arithmetic).toBe('-(100.00 x 400.00 / 1,000.00 = 40.00) at 10.00% x 1');
  });

  it('is not paid when the plan has no partner fee, though the lead names a partner', () => {
    const lines = ledgerOf(saleLog({ partnerFee: null }, 100_000, { partner: 'bank-x' }));
    expect(rows(lines)).toEqual([['rep-a', 'accrual', 'rate', 5_000]]);
  });
});

describe('a payment recorded after its period closed', () => {
  it('posts to the earliest open period and says which period was closed', () => {
    const log = saleLog({ basis: 'collected' }, 100_000)
      .payout('2026-03', [], at('2026-04-02'))
      .payment('s1', 100_000, at('2026-03-25'));
    // 1,000.00 x 5% = 50.00, for March, posted to April
    expect(ledgerOf(log)).toMatchObject([
      { amount: 5_000, period: '2026-04', naturalPeriod: '2026-03', note: 'late: 2026-03 was closed' },
    ]);
  });

  it('gives both reasons when the line was also capped', () => {
    const log = saleLog({ basis: 'collected', capPerSaleMinor: 3_000 }, 100_000)
      .payout('2026-03', [], at('2026-04-02'))
      .payment('s1', 100_000, at('2026-03-25'));
    // 50.00 capped at 30.00
    expect(ledgerOf(log)).toMatchObject([{ amount: 3_000, note: 'cap per sale reached; late: 2026-03 was closed' }]);
  });
});

describe('what each line points back to', () => {
  it('names the event, payment, sale, plan and group that produced it', () => {
    // e1 plan, e2 lead, e3 customer, e4 owner, e5 sale, e6 payment of 400.00, e7 refund of 100.00
    const log = saleLog({ basis: 'collected' }, 100_000)
      .payment('s1', 40_000, at('2026-03-05'))
      .refund('s1', 10_000, at('2026-03-06'));
    // 400.00 x 5% = 20.00; the refund leaves 900.00 net, above the 400.00 collected: nothing falls.
    // Then a later refund of 600.00 leaves 300.00 net: 20.00 x 100.00 / 400.00 = 5.00 falls.
    log.refund('s1', 60_000, at('2026-03-07'));
    const [accrual, clawback] = ledgerOf(log);
    expect(accrual).toMatchObject({
      lineId: 'e6:0',
      sourceEventIds: ['e6'],
      position: '6',
      occurredAt: at('2026-03-05'),
      saleId: 's1',
      paymentId: 'pay-6',
      refundId: null,
      planId: 'standard',
      planVersion: 1,
      attributionClass: 'new-company-provided',
      role: 'owner',
      groupId: 's1:0',
      undividedAmount: 2_000,
      referencesLineId: null,
    });
    expect(clawback).toMatchObject({
      lineId: 'e8:0',
      sourceEventIds: ['e8'],
      kind: 'clawback',
      amount: -500,
      paymentId: null,
      refundId: 'refund-8',
      groupId: 's1:0',
      referencesLineId: 'e6:0',
    });
  });

  it('keeps the numbering of groups when a payment earns less than a cent', () => {
    const log = saleLog(
      { basis: 'collected', partnerFee: { shareBps: 1000, basis: 'collected', minimumMinor: null } },
      100_000,
      { partner: 'bank-x' },
    )
      .payment('s1', 4, at('2026-03-05'))
      .payment('s1', 99_996, at('2026-03-06'));
    // 0.04 x 5% = 0.002 and 0.04 x 10% = 0.004 both round to nothing: no line, no group.
    // 999.96 x 5% = 49.998 -> 50.00 (half-up); x 10% = 99.996 -> 100.00.
    expect(ledgerOf(log).map((l) => [l.groupId, l.amount])).toEqual([
      ['s1:0', 5_000],
      ['s1:p0', 10_000],
    ]);
  });
});

describe('the finder and the owner', () => {
  it('pays the owner alone when the plan gives the finder nothing, and says nothing of a share', () => {
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 0 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-f', owner: 'rep-f', at: at('2026-02-01') })
      .owner('c1', 'rep-o', at('2026-02-10'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: CLOSED, closingRepId: 'rep-o' });
    expect(ledgerOf(log).map((l) => [l.payee.id, l.role, l.amount, l.arithmetic])).toEqual([
      ['rep-o', 'owner', 5_000, '1,000.00 x 5.00% x 1 = 50.00'],
    ]);
  });

  it('posts no line for a share that rounds to nothing', () => {
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-f', owner: 'rep-f', at: at('2026-02-01') })
      .owner('c1', 'rep-o', at('2026-02-10'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 60, closedAt: CLOSED, closingRepId: 'rep-o' });
    // 0.60 x 5% = 0.03; the finder's 30% of 0.03 = 0.009 -> 0.00 (down): the owner's 0.03 only.
    expect(ledgerOf(log).map((l) => [l.payee.id, l.amount, l.undividedAmount])).toEqual([['rep-o', 3, 3]]);
    // A cancellation claws back the owner's 0.03 and nothing for the share that never was.
    log.cancel('s1', 60, at('2026-03-10'));
    expect(ledgerOf(log).map((l) => [l.payee.id, l.amount])).toEqual([
      ['rep-o', 3],
      ['rep-o', -3],
    ]);
  });

  it('pays the owner alone when the first lead had no finder, whatever share the plan gives one', () => {
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'web-form', finder: null, owner: 'rep-o', at: at('2026-02-01') })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: CLOSED, closingRepId: 'rep-o' });
    expect(ledgerOf(log).map((l) => [l.payee, l.role, l.amount, l.arithmetic])).toEqual([
      [{ kind: 'rep', id: 'rep-o' }, 'owner', 5_000, '1,000.00 x 5.00% x 1 = 50.00'],
    ]);
  });

  it('pays the owner once, not as owner and finder, when they found the customer themselves', () => {
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-o', owner: 'rep-o', at: at('2026-02-01') })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: CLOSED, closingRepId: 'rep-o' });
    expect(ledgerOf(log).map((l) => [l.payee.id, l.role, l.amount])).toEqual([['rep-o', 'owner', 5_000]]);
  });

  it('pays the finder as a rep', () => {
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-f', owner: 'rep-f', at: at('2026-02-01') })
      .owner('c1', 'rep-o', at('2026-02-10'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: CLOSED, closingRepId: 'rep-o' });
    // 50.00: the finder's 30% = 15.00, the owner's 35.00
    expect(ledgerOf(log).map((l) => [l.payee, l.role, l.amount])).toEqual([
      [{ kind: 'rep', id: 'rep-o' }, 'owner', 3_500],
      [{ kind: 'rep', id: 'rep-f' }, 'finder', 1_500],
    ]);
  });
});
