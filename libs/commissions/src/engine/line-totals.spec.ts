import type { Payee } from '../periods/commission-periods.events';
import { LineTotals } from './line-totals';

const repA: Payee = { kind: 'rep', id: 'rep-a' };
const repB: Payee = { kind: 'rep', id: 'rep-b' };

describe('LineTotals', () => {
  it('gives a payee paid in two currencies one entry per currency, in currency order', () => {
    const totals = new LineTotals();
    totals.add(repA, 'USD', '2026-03', 'accrual', 2_000);
    totals.add(repA, 'CNY', '2026-02', 'accrual', 50_000);
    totals.add(repA, 'CNY', '2026-03', 'payout', -50_000);
    // CNY: opening 500.00 (February), paid 500.00 in March: closing 0. USD: 20.00 accrued in March.
    expect(totals.through('2026-03').get('rep|rep-a')).toEqual({
      payee: repA,
      totals: [
        {
          currency: 'CNY',
          opening: 50_000n,
          accrued: 0n,
          clawedBack: 0n,
          adjusted: 0n,
          paid: -50_000n,
          closingDue: 0n,
        },
        { currency: 'USD', opening: 0n, accrued: 2_000n, clawedBack: 0n, adjusted: 0n, paid: 0n, closingDue: 2_000n },
      ],
    });
  });

  it('leaves out a payee whose first line is in a later period', () => {
    const totals = new LineTotals();
    totals.add(repA, 'CNY', '2026-03', 'accrual', 1_000);
    totals.add(repB, 'CNY', '2026-04', 'accrual', 1_000);
    // rep-b's first line is April's: no March statement, so no March totals.
    expect([...totals.through('2026-03').keys()]).toEqual(['rep|rep-a']);
  });

  it('keeps a payee whose lines cancel out: they still have a statement', () => {
    const totals = new LineTotals();
    totals.add(repA, 'CNY', '2026-03', 'accrual', 1_000);
    totals.add(repA, 'CNY', '2026-03', 'clawback', -1_000);
    expect(totals.through('2026-03').get('rep|rep-a')?.totals).toEqual([
      { currency: 'CNY', opening: 0n, accrued: 1_000n, clawedBack: -1_000n, adjusted: 0n, paid: 0n, closingDue: 0n },
    ]);
  });
});
