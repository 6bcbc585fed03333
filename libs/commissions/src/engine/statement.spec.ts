import type { Payee } from '../periods/commission-periods.events';
import { blankLine } from '../testing/blank-line';
import { dueBalances, statementOf } from './statement';

const rep = (id: string): Payee => ({ kind: 'rep', id });
const partner = (id: string): Payee => ({ kind: 'partner', id });

/** A line with only what statements read: payee, kind, period, currency, amount. */
const line = blankLine;

describe('statementOf', () => {
  describe('when a rep and a referral partner share an id', () => {
    const lines = [
      line(rep('acme'), 'accrual', '2026-03', 'CNY', 10_000),
      line(partner('acme'), 'accrual', '2026-03', 'CNY', 70_000),
    ];

    it("shows the rep only the rep's lines and totals", () => {
      const statement = statementOf(rep('acme'), '2026-03', lines);
      expect(statement.lines).toEqual([lines[0]]);
      // Only the rep's 100.00; the partner's 700.00 is on the partner's statement.
      expect(statement.totals).toEqual([
        { currency: 'CNY', opening: 0n, accrued: 10_000n, clawedBack: 0n, adjusted: 0n, paid: 0n, closingDue: 10_000n },
      ]);
    });
  });

  describe('when a rep is paid in two currencies', () => {
    const repA = rep('rep-a');
    const lines = [
      line(repA, 'accrual', '2026-02', 'USD', 5_000),
      line(repA, 'accrual', '2026-03', 'USD', 2_000),
      line(repA, 'accrual', '2026-03', 'CNY', 30_000),
      line(repA, 'clawback', '2026-03', 'CNY', -4_000),
      line(repA, 'accrual', '2026-04', 'EUR', 9_999),
    ];

    it('gives one row per currency in currency order, each summing its own lines', () => {
      const { totals } = statementOf(repA, '2026-03', lines);
      // CNY: no opening; 300.00 accrued, 40.00 clawed back: closing 260.00.
      // USD: opening 50.00 (February); 20.00 accrued: closing 70.00.
      expect(totals).toEqual([
        {
          currency: 'CNY',
          opening: 0n,
          accrued: 30_000n,
          clawedBack: -4_000n,
          adjusted: 0n,
          paid: 0n,
          closingDue: 26_000n,
        },
        {
          currency: 'USD',
          opening: 5_000n,
          accrued: 2_000n,
          clawedBack: 0n,
          adjusted: 0n,
          paid: 0n,
          closingDue: 7_000n,
        },
      ]);
    });

    it('has no row for a currency that first appears in a later period', () => {
      // The EUR line is April's: March's statement knows nothing of it.
      expect(statementOf(repA, '2026-03', lines).totals.map((t) => t.currency)).toEqual(['CNY', 'USD']);
    });
  });
});

describe('dueBalances', () => {
  const repA = rep('rep-a');
  const repB = rep('rep-b');
  const lines = [
    line(repB, 'accrual', '2026-03', 'CNY', 100_000),
    line(repA, 'accrual', '2026-02', 'CNY', 50_000),
    line(repA, 'payout', '2026-02', 'CNY', -50_000),
    line(repA, 'accrual', '2026-03', 'CNY', 30_000),
    line(repA, 'accrual', '2026-04', 'CNY', 99_000),
    line(repA, 'accrual', '2026-03', 'USD', 2_000),
    line(partner('rep-a'), 'accrual', '2026-03', 'CNY', 7_000),
    line(repB, 'clawback', '2026-03', 'CNY', -130_000),
  ];

  it("gives each payee's balance through the period per currency, ordered by payee and currency", () => {
    expect(dueBalances(lines, '2026-03')).toEqual([
      // The partner who shares rep-a's id: 70.00, a balance of its own.
      { payee: partner('rep-a'), currency: 'CNY', due: 7_000n },
      // rep-a CNY: 500.00 - 500.00 paid in February + 300.00 in March = 300.00; April's 990.00 is later.
      { payee: repA, currency: 'CNY', due: 30_000n },
      { payee: repA, currency: 'USD', due: 2_000n },
      // rep-b: 1,000.00 accrued - 1,300.00 clawed back = -300.00, carried (a run pays only what is positive).
      { payee: repB, currency: 'CNY', due: -30_000n },
    ]);
  });

  it('counts the lines of the period itself and of every earlier one', () => {
    // Through February only rep-a's February lines count: 500.00 - 500.00 = 0.
    expect(dueBalances(lines, '2026-02')).toEqual([{ payee: repA, currency: 'CNY', due: 0n }]);
  });

  it('is empty before any line', () => {
    expect(dueBalances(lines, '2026-01')).toEqual([]);
  });
});
