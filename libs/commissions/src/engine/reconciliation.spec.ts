import type { Payee } from '../periods/commission-periods.events';
import type { LedgerLine, LineKind } from './ledger-line';
import { blankLine } from '../testing/blank-line';
import { reconcile, reconcileTotals } from './reconciliation';
import type { PayeeTotals } from './line-totals';

const rep = (id: string): Payee => ({ kind: 'rep', id });
const partner = (id: string): Payee => ({ kind: 'partner', id });

/** A line with only what reconciliation reads; the rest is blank provenance. */
const line = (payee: Payee, period: string, kind: LineKind, amount: number, currency = 'CNY'): LedgerLine =>
  blankLine(payee, kind, period, currency, amount);

/*
 * rep-a in CNY: 30.00 accrued in February and 20.00 paid out, so March opens at 10.00; in
 * March 50.00 accrued, 5.00 clawed back, 2.00 adjusted, 10.00 paid: 10 + 50 - 5 + 2 - 10 = 47.00.
 * rep-a in USD: 10.00 accrued in March. bank-x (partner) in CNY: 20.00 accrued in March.
 * April's 99.99 is after the period and counts nowhere.
 */
const FEB_ACCRUAL = line(rep('rep-a'), '2026-02', 'accrual', 3_000);
const FEB_PAYOUT = line(rep('rep-a'), '2026-02', 'payout', -2_000);
const MAR_ACCRUAL = line(rep('rep-a'), '2026-03', 'accrual', 5_000);
const MAR_CLAWBACK = line(rep('rep-a'), '2026-03', 'clawback', -500);
const MAR_ADJUSTMENT = line(rep('rep-a'), '2026-03', 'adjustment', 200);
const MAR_PAYOUT = line(rep('rep-a'), '2026-03', 'payout', -1_000);
const MAR_USD = line(rep('rep-a'), '2026-03', 'accrual', 1_000, 'USD');
const MAR_PARTNER = line(partner('bank-x'), '2026-03', 'accrual', 2_000);
const APR_ACCRUAL = line(rep('rep-a'), '2026-04', 'accrual', 9_999);
const LEDGER = [
  FEB_ACCRUAL,
  FEB_PAYOUT,
  MAR_ACCRUAL,
  MAR_CLAWBACK,
  MAR_ADJUSTMENT,
  MAR_PAYOUT,
  MAR_USD,
  MAR_PARTNER,
  APR_ACCRUAL,
];

/** The six figures, exact sums in bigint. */
const figures = (
  opening: number,
  accrued: number,
  clawedBack: number,
  adjusted: number,
  paid: number,
  closingDue: number,
) => {
  const [o, a, c, d, p, due] = [opening, accrued, clawedBack, adjusted, paid, closingDue].map(BigInt);
  return { opening: o, accrued: a, clawedBack: c, adjusted: d, paid: p, closingDue: due };
};

describe('reconcile', () => {
  describe('when the ledger and the control replay posted the same lines', () => {
    it('shows each payee and currency, payees in key order (partner before rep), and the totals per currency', () => {
      const bankX = figures(0, 2_000, 0, 0, 0, 2_000);
      const repCny = figures(1_000, 5_000, -500, 200, -1_000, 4_700);
      const repUsd = figures(0, 1_000, 0, 0, 0, 1_000);
      // CNY: bank-x + rep-a = opening 10.00, accrued 70.00, -5.00, +2.00, -10.00, due 20.00 + 47.00 = 67.00
      const cny = figures(1_000, 7_000, -500, 200, -1_000, 6_700);
      expect(reconcile('2026-03', LEDGER, [...LEDGER].reverse())).toEqual({
        period: '2026-03',
        payees: [
          { payee: partner('bank-x'), currency: 'CNY', ...bankX, control: bankX, matches: true },
          { payee: rep('rep-a'), currency: 'CNY', ...repCny, control: repCny, matches: true },
          { payee: rep('rep-a'), currency: 'USD', ...repUsd, control: repUsd, matches: true },
        ],
        totals: [
          { currency: 'CNY', ...cny, control: cny, matches: true },
          { currency: 'USD', ...repUsd, control: repUsd, matches: true },
        ],
        matches: true,
      });
    });
  });

  describe('when the ledger misses a line the control posted', () => {
    const result = reconcile(
      '2026-03',
      LEDGER.filter((l) => l !== MAR_CLAWBACK),
      LEDGER,
    );

    it("flags the payee's row with both figures: the ledger's 5.00 clawback is missing", () => {
      expect(result.payees[1]).toMatchObject({
        payee: rep('rep-a'),
        currency: 'CNY',
        clawedBack: 0n,
        closingDue: 5_200n,
        control: { clawedBack: -500n, closingDue: 4_700n },
        matches: false,
      });
    });

    it('flags the currency total and the whole, and leaves the other rows and currencies matching', () => {
      expect(result.payees.map((r) => r.matches)).toEqual([true, false, true]);
      expect(result.totals.map((t) => [t.currency, t.closingDue, t.control.closingDue, t.matches])).toEqual([
        ['CNY', 7_200n, 6_700n, false],
        ['USD', 1_000n, 1_000n, true],
      ]);
      expect(result.matches).toBe(false);
    });
  });

  describe('when a line went to the wrong payee (the totals still agree)', () => {
    it('does not match, though every currency total does', () => {
      const misposted = { ...MAR_PARTNER, payee: partner('bank-y') };
      const result = reconcile('2026-03', [...LEDGER.filter((l) => l !== MAR_PARTNER), misposted], LEDGER);
      expect(result.totals.every((t) => t.matches)).toBe(true);
      expect(result.payees.map((r) => [r.payee.id, r.currency, r.accrued, r.control.accrued, r.matches])).toEqual([
        ['bank-x', 'CNY', 0n, 2_000n, false],
        ['bank-y', 'CNY', 2_000n, 0n, false],
        ['rep-a', 'CNY', 5_000n, 5_000n, true],
        ['rep-a', 'USD', 1_000n, 1_000n, true],
      ]);
      expect(result.matches).toBe(false);
    });
  });

  describe('when a currency is only on one side', () => {
    it('shows zeros for the side without it', () => {
      const result = reconcile('2026-03', LEDGER, [...LEDGER.filter((l) => l !== MAR_USD)]);
      expect(result.payees[2]).toEqual({
        payee: rep('rep-a'),
        currency: 'USD',
        ...figures(0, 1_000, 0, 0, 0, 1_000),
        control: figures(0, 0, 0, 0, 0, 0),
        matches: false,
      });
    });
  });

  describe('when currencies arrive in any order', () => {
    it('orders each payee’s currencies, and the totals, by currency', () => {
      const usd = { currency: 'USD', ...figures(0, 1_000, 0, 0, 0, 1_000) };
      const cny = { currency: 'CNY', ...figures(0, 2_000, 0, 0, 0, 2_000) };
      // bank-x is paid in USD only and comes first; rep-a's totals come USD before CNY.
      const side = new Map<string, PayeeTotals>([
        ['partner|bank-x', { payee: partner('bank-x'), totals: [usd] }],
        ['rep|rep-a', { payee: rep('rep-a'), totals: [usd, cny] }],
      ]);
      const result = reconcileTotals('2026-03', side, side);
      expect(result.payees.map((r) => [r.payee.id, r.currency])).toEqual([
        ['bank-x', 'USD'],
        ['rep-a', 'CNY'],
        ['rep-a', 'USD'],
      ]);
      // USD: 10.00 + 10.00; CNY: 20.00
      expect(result.totals.map((t) => [t.currency, t.closingDue])).toEqual([
        ['CNY', 2_000n],
        ['USD', 2_000n],
      ]);
    });
  });

  describe('for a period with no lines of its own', () => {
    it('shows the opening balances carried from earlier periods', () => {
      // January comes before every line: nothing to show. May opens with every rep-a CNY line
      // through April: 30.00 - 20.00 + 50.00 - 5.00 + 2.00 - 10.00 + 99.99 = 146.99.
      expect(reconcile('2026-01', LEDGER, LEDGER)).toEqual({
        period: '2026-01',
        payees: [],
        totals: [],
        matches: true,
      });
      const may = reconcile('2026-05', LEDGER, LEDGER);
      expect(may.payees[1]).toMatchObject({ currency: 'CNY', opening: 14_699n, accrued: 0n, closingDue: 14_699n });
    });
  });
});
