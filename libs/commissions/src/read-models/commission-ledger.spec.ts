import type { StoredEvent } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase } from '@leadledger/projections';
import { LedgerLog, aPlan, ledgerOf, rep } from '../engine/ledger.fixtures';
import type { LedgerLine } from '../engine/ledger-line';
import type { Payee } from '../periods/commission-periods.events';
import { commissionLedgerProjection } from './commission-ledger.projection';
import { SqlCommissionBook } from './sql-book';
import {
  financeStatement,
  latestAccrualFrom,
  ledgerClosedThrough,
  ledgerKnowsPayee,
  ledgerLinesOfSale,
  ledgerLinesThrough,
  ledgerStatement,
  payoutPreview,
} from './commission-ledger.query';

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const partner = (id: string): Payee => ({ kind: 'partner', id });
const amounts = (lines: readonly LedgerLine[]) => lines.map((l) => [l.payee.id, l.kind, l.amount]);

/*
 * Booked basis, 8% new rep-sourced / 5% new company-provided, the finder keeps 30%, a
 * referral partner earns 10% of the sale. In March:
 *   s1 c1 (rep-a found and owns)         12,000.00 x 8% = 960.00 to rep-a
 *   s2 c2 (rep-f received, rep-o owns)   10,000.00 x 5% = 500.00: rep-f 150.00, rep-o 350.00
 *   s3 c3 (web form via bank-x, rep-o)    2,000.00 x 5% = 100.00 to rep-o; bank-x 2,000.00 x 10% = 200.00
 *   s2 refunded 2,500.00: 500.00 x 2,500.00 / 10,000.00 = 125.00 back: rep-f 37.50, rep-o 87.50
 *   rep-a adjusted -15.00
 * The March run pays rep-a 945.00, rep-f 112.50, rep-o 362.50, bank-x 200.00. Then:
 *   a refund of 3,000.00 on s1, dated 25 March but recorded after the run: 960.00 / 4 = 240.00
 *     back, posted to April
 *   s4 c1 in April: 5,000.00 x 8% = 400.00 to rep-a
 *   rep-f adjusted -50.00 in April
 */
const log = new LedgerLog()
  .plan(aPlan({ finderShareBps: 3000, partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null } }))
  .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2026-02-01') })
  .customer({ customerId: 'c2', channel: 'walk-in', finder: 'rep-f', owner: 'rep-o', at: at('2026-02-01') })
  .customer({
    customerId: 'c3',
    channel: 'web-form',
    finder: null,
    owner: 'rep-o',
    at: at('2026-02-01'),
    referralPartnerId: 'bank-x',
  })
  .sale({ saleId: 's1', customerId: 'c1', amount: 1_200_000, closedAt: at('2026-03-05'), closingRepId: 'rep-a' })
  .sale({ saleId: 's2', customerId: 'c2', amount: 1_000_000, closedAt: at('2026-03-06'), closingRepId: 'rep-o' })
  .sale({ saleId: 's3', customerId: 'c3', amount: 200_000, closedAt: at('2026-03-10'), closingRepId: 'rep-o' })
  .refund('s2', 250_000, at('2026-03-20'))
  .adjust(rep('rep-a'), -1_500, '2026-03', at('2026-03-31'), 'duplicate order');
const beforeTheRun = log.events.length;
log
  .payout(
    '2026-03',
    [
      { payee: partner('bank-x'), amount: 20_000 },
      { payee: rep('rep-a'), amount: 94_500 },
      { payee: rep('rep-f'), amount: 11_250 },
      { payee: rep('rep-o'), amount: 36_250 },
    ],
    at('2026-04-01'),
  )
  .refund('s1', 300_000, at('2026-03-25'))
  .sale({ saleId: 's4', customerId: 'c1', amount: 500_000, closedAt: at('2026-04-10'), closingRepId: 'rep-a' })
  .adjust(rep('rep-f'), -5_000, '2026-04', at('2026-04-15'), 'advance recovered');

/** Sets the projection up and applies each event in its own transaction, as the runner does. */
function project(readModels: ReadModelDatabase, events: readonly StoredEvent[]): void {
  commissionLedgerProjection.setup(readModels.db);
  for (const event of events) readModels.db.transaction(() => commissionLedgerProjection.apply(event, readModels.db))();
}

describe('commission ledger read model', () => {
  const dir = tempDirectory('leadledger-commission-ledger');
  let open: ReadModelDatabase;
  let all: ReadModelDatabase;
  beforeAll(() => {
    open = new ReadModelDatabase(dir.file('before-the-run.sqlite'));
    all = new ReadModelDatabase(dir.file('all.sqlite'));
    project(open, log.events.slice(0, beforeTheRun));
    project(all, log.events);
  });
  afterAll(() => {
    open.close();
    all.close();
    dir.remove();
  });

  describe('when March is still open', () => {
    it('previews the March run: every positive balance through March, ordered by payee', () => {
      expect(payoutPreview(open.db, '2026-03')).toEqual([
        { payee: partner('bank-x'), currency: 'CNY', due: 20_000n },
        { payee: rep('rep-a'), currency: 'CNY', due: 94_500n },
        { payee: rep('rep-f'), currency: 'CNY', due: 11_250n },
        { payee: rep('rep-o'), currency: 'CNY', due: 36_250n },
      ]);
    });

    it('has closed nothing', () => {
      expect(ledgerClosedThrough(open.db)).toBeNull();
    });

    it('shows rep-o 350.00 + 100.00 accrued and 87.50 clawed back: 362.50 due', () => {
      expect(ledgerStatement(open.db, rep('rep-o'), '2026-03').totals).toEqual([
        {
          currency: 'CNY',
          opening: 0n,
          accrued: 45_000n,
          clawedBack: -8_750n,
          adjusted: 0n,
          paid: 0n,
          closingDue: 36_250n,
        },
      ]);
    });
  });

  describe('when March has been paid and closed', () => {
    it('remembers that March is closed', () => {
      expect(ledgerClosedThrough(all.db)).toBe('2026-03');
    });

    it("shows rep-a's March: 960.00 accrued, -15.00 adjusted, 945.00 paid, nothing due", () => {
      const statement = ledgerStatement(all.db, rep('rep-a'), '2026-03');
      expect(statement.totals).toEqual([
        {
          currency: 'CNY',
          opening: 0n,
          accrued: 96_000n,
          clawedBack: 0n,
          adjusted: -1_500n,
          paid: -94_500n,
          closingDue: 0n,
        },
      ]);
      expect(amounts(statement.lines)).toEqual([
        ['rep-a', 'accrual', 96_000],
        ['rep-a', 'adjustment', -1_500],
        ['rep-a', 'payout', -94_500],
      ]);
    });

    it("shows rep-a's April: the late 240.00 clawback and 400.00 accrued, 160.00 due", () => {
      const statement = ledgerStatement(all.db, rep('rep-a'), '2026-04');
      expect(statement.totals).toEqual([
        {
          currency: 'CNY',
          opening: 0n,
          accrued: 40_000n,
          clawedBack: -24_000n,
          adjusted: 0n,
          paid: 0n,
          closingDue: 16_000n,
        },
      ]);
      expect(statement.lines[0]).toMatchObject({
        kind: 'clawback',
        saleId: 's1',
        period: '2026-04',
        naturalPeriod: '2026-03',
        note: 'late: 2026-03 was closed',
      });
    });

    it('carries the April balance into May, where nothing moved', () => {
      const statement = ledgerStatement(all.db, rep('rep-a'), '2026-05');
      expect(statement.lines).toEqual([]);
      expect(statement.totals).toEqual([
        { currency: 'CNY', opening: 16_000n, accrued: 0n, clawedBack: 0n, adjusted: 0n, paid: 0n, closingDue: 16_000n },
      ]);
    });

    it('keeps a partner and a rep of the same id apart: bank-x is a partner, not a rep', () => {
      expect(ledgerStatement(all.db, partner('bank-x'), '2026-03').totals).toEqual([
        {
          currency: 'CNY',
          opening: 0n,
          accrued: 20_000n,
          clawedBack: 0n,
          adjusted: 0n,
          paid: -20_000n,
          closingDue: 0n,
        },
      ]);
      expect(ledgerStatement(all.db, rep('bank-x'), '2026-03')).toEqual({
        payee: rep('bank-x'),
        period: '2026-03',
        lines: [],
        totals: [],
      });
    });

    it('previews April: only rep-a is owed (160.00); rep-f owes 50.00 and is left out', () => {
      expect(payoutPreview(all.db, '2026-04')).toEqual([{ payee: rep('rep-a'), currency: 'CNY', due: 16_000n }]);
      expect(ledgerStatement(all.db, rep('rep-f'), '2026-04').totals[0].closingDue).toBe(-5_000n);
    });

    it('previews nothing more for March once it is paid', () => {
      expect(payoutPreview(all.db, '2026-03')).toEqual([]);
    });

    it("lists a sale's lines in order, each clawback pointing at the accrual it reverses", () => {
      const lines = ledgerLinesOfSale(all.db, 's2');
      expect(amounts(lines)).toEqual([
        ['rep-o', 'accrual', 35_000],
        ['rep-f', 'accrual', 15_000],
        ['rep-o', 'clawback', -8_750],
        ['rep-f', 'clawback', -3_750],
      ]);
      expect(lines.map((l) => l.role)).toEqual(['owner', 'finder', 'owner', 'finder']);
      expect(lines.map((l) => l.undividedAmount)).toEqual([50_000, 50_000, -12_500, -12_500]);
      expect(lines[2].referencesLineId).toBe(lines[0].lineId);
      expect(lines[3].referencesLineId).toBe(lines[1].lineId);
      expect(lines[2].refundId).not.toBeNull();
      expect(ledgerLinesOfSale(all.db, 's404')).toEqual([]);
    });

    it('holds exactly the lines the engine posts in memory, in the same order', () => {
      expect(ledgerLinesThrough(all.db, '9999-12')).toEqual(ledgerOf(log));
      expect(ledgerLinesThrough(all.db, '2026-03').every((l) => l.period <= '2026-03')).toBe(true);
      expect(ledgerLinesThrough(all.db, '2026-03')).toHaveLength(12);
    });
  });

  describe('the statement finance reads', () => {
    it("shows rep-a's March lines with the contract number of each sale (none for an adjustment or a payout)", () => {
      const statement = financeStatement(all.db, rep('rep-a'), '2026-03');
      expect(statement.lines.map((l) => [l.kind, l.saleExternalId, l.amount])).toEqual([
        ['accrual', 's1', 96_000],
        ['adjustment', null, -1_500],
        ['payout', null, -94_500],
      ]);
      expect(statement).toMatchObject({ payee: rep('rep-a'), period: '2026-03' });
      expect(statement.totals).toEqual(ledgerStatement(all.db, rep('rep-a'), '2026-03').totals);
    });

    it("shows April's lines only, not March's", () => {
      const statement = financeStatement(all.db, rep('rep-a'), '2026-04');
      // The late 240.00 clawback of s1, then s4's 400.00.
      expect(statement.lines.map((l) => [l.kind, l.saleExternalId, l.amount])).toEqual([
        ['clawback', 's1', -24_000],
        ['accrual', 's4', 40_000],
      ]);
      expect(statement.totals[0].closingDue).toBe(16_000n);
    });

    it('knows a payee once a line was posted to it, by kind and id', () => {
      expect(ledgerKnowsPayee(all.db, rep('rep-f'))).toBe(true);
      expect(ledgerKnowsPayee(all.db, partner('bank-x'))).toBe(true);
      expect(ledgerKnowsPayee(all.db, rep('bank-x'))).toBe(false);
      expect(ledgerKnowsPayee(all.db, rep('rep-nobody'))).toBe(false);
    });
  });

  /*
   * 5% new company-provided, the finder keeps 30%. c1 walked in to rep-f and is owned by
   * rep-z; c2 was found by rep-a, who owns it (8% new rep-sourced). In the order recorded:
   *   s1 c1 1,000.00, 20 Jan: 50.00, rep-z 35.00, rep-f 15.00
   *   s2 c2 2,000.00, 10 Feb 10:00: 160.00 to rep-a
   *   s3 c2   500.00,  3 Feb (recorded after s2, earlier in business time): 40.00 to rep-a
   *   s4 c1 1,000.00, 10 Feb 10:00 (the same instant as s2): rep-z 35.00, rep-f 15.00
   *   s1 refunded 200.00 on 25 Feb (a fifth): rep-z 7.00 and rep-f 3.00 back
   *   rep-z adjusted +10.00 on 26 Feb
   * Through February: rep-a 160.00 + 40.00 = 200.00; rep-f 15.00 + 15.00 - 3.00 = 27.00;
   * rep-z 35.00 + 35.00 - 7.00 + 10.00 = 73.00.
   */
  describe('when payees first appear in different periods, and accruals arrive out of business order', () => {
    const late = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-f', owner: 'rep-z', at: at('2025-12-01') })
      .customer({ customerId: 'c2', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2025-12-01') })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-01-20'), closingRepId: 'rep-z' })
      .sale({ saleId: 's2', customerId: 'c2', amount: 200_000, closedAt: at('2026-02-10'), closingRepId: 'rep-a' })
      .sale({ saleId: 's3', customerId: 'c2', amount: 50_000, closedAt: at('2026-02-03'), closingRepId: 'rep-a' })
      .sale({ saleId: 's4', customerId: 'c1', amount: 100_000, closedAt: at('2026-02-10'), closingRepId: 'rep-z' })
      .refund('s1', 20_000, at('2026-02-25'))
      .adjust(rep('rep-z'), 1_000, '2026-02', at('2026-02-26'));
    let readModels: ReadModelDatabase;
    let empty: ReadModelDatabase;
    beforeAll(() => {
      // Both opened before either is built, so afterAll closes both even when a build fails.
      readModels = new ReadModelDatabase(dir.file('late.sqlite'));
      empty = new ReadModelDatabase(dir.file('empty.sqlite'));
      project(readModels, late.events);
      project(empty, []);
    });
    afterAll(() => {
      readModels.close();
      empty.close();
    });

    it('previews every payee in payee order, not in the order they first earned', () => {
      expect(payoutPreview(readModels.db, '2026-02')).toEqual([
        { payee: rep('rep-a'), currency: 'CNY', due: 20_000n },
        { payee: rep('rep-f'), currency: 'CNY', due: 2_700n },
        { payee: rep('rep-z'), currency: 'CNY', due: 7_300n },
      ]);
    });

    it('finds the accrual with the latest business time: s2, first posted of the two at 10 Feb 10:00', () => {
      const [s2Owner] = ledgerLinesOfSale(readModels.db, 's2');
      // Not s3 (recorded later, earlier in business time), not s4 (the same instant, posted
      // after), not the clawback or the adjustment (later, but not accruals).
      expect(latestAccrualFrom(readModels.db, '2026-02')).toEqual(s2Owner);
      expect(s2Owner).toMatchObject({ kind: 'accrual', saleId: 's2', payee: rep('rep-a'), amount: 16_000 });
    });

    it('finds it from an earlier period on too, and not from a later one', () => {
      expect(latestAccrualFrom(readModels.db, '2026-01')?.saleId).toBe('s2');
      expect(latestAccrualFrom(readModels.db, '2026-03')).toBeNull();
    });

    it('finds none in a ledger that has accrued nothing', () => {
      expect(latestAccrualFrom(empty.db, '2026-01')).toBeNull();
    });
  });

  describe('when a sum would leave 64-bit integers', () => {
    /*
     * The largest line the engine posts is 10^14 minor units, and it takes over 92,000 of them
     * to fill one sum (see Bounds in docs/commissions.md); lines of 2^53 - 1, beyond anything the
     * engine posts, reach the same bound in 1,025 lines. 1,024 of them in one payee's period and
     * kind sum to 1,024 x (2^53 - 1) = 2^63 - 1,024 = 9,223,372,036,854,774,784, within
     * 2^63 - 1; one more passes it, and SQLite would keep the sum as a rounded float.
     */
    it('stops the projection, naming the sum, and keeps nothing of the event', () => {
      const readModels = new ReadModelDatabase(dir.file('bounds.sqlite'));
      try {
        project(readModels, []);
        const [model] = ledgerLinesOfSale(all.db, 's4');
        const big = Array.from({ length: 1_025 }, (_, i): LedgerLine => ({
          ...model,
          lineId: `big:${i}`,
          payee: rep('rep-big'),
          period: '2026-05',
          amount: Number.MAX_SAFE_INTEGER,
        }));
        const book = new SqlCommissionBook(readModels.db);
        const accrued = () => ledgerStatement(readModels.db, rep('rep-big'), '2026-05').totals[0].accrued;
        readModels.db.transaction(() => book.addLines(big.slice(0, 1_024)))();
        expect(accrued()).toBe(9_223_372_036_854_774_784n);
        expect(() => readModels.db.transaction(() => book.addLines(big.slice(1_024)))()).toThrow(
          new RangeError('The accrual sum of rep rep-big in 2026-05 left 64-bit integers'),
        );
        expect(accrued()).toBe(9_223_372_036_854_774_784n);
      } finally {
        readModels.close();
      }
    });
  });

  describe('when a sale is recorded twice', () => {
    it('accrues it once', () => {
      const twice = new LedgerLog()
        .plan(aPlan())
        .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-a', owner: 'rep-a', at: at('2026-02-01') })
        .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' })
        .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: at('2026-03-01'), closingRepId: 'rep-a' });
      const readModels = new ReadModelDatabase(dir.file('twice.sqlite'));
      try {
        project(readModels, twice.events);
        expect(amounts(ledgerLinesOfSale(readModels.db, 's1'))).toEqual([['rep-a', 'accrual', 5_000]]);
      } finally {
        readModels.close();
      }
    });
  });
});
