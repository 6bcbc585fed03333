import type { StoredEvent } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase } from '@leadledger/projections';
import { commissionLedgerProjection } from '../read-models/commission-ledger.projection';
import { ledgerStatement, ledgerTotalsThrough, payoutPreview } from '../read-models/commission-ledger.query';
import { ControlLedger } from './control-ledger';
import { LedgerLog, aPlan, ledgerOf, rep } from './ledger.fixtures';
import { reconcile, reconcileTotals } from './reconciliation';
import { statementOf } from './statement';

const at = (date: string) => `${date}T10:00:00+08:00`;
const LARGEST = Number.MAX_SAFE_INTEGER;

/**
 * A plan paying 100% of the sale, two sales at the largest safe amount and an adjustment
 * of +1: rep-a is owed 2 x 9,007,199,254,740,991 + 1 = 18,014,398,509,481,983 minor units,
 * which a float sum cannot hold (it gives ...984). (The API bounds every amount far below
 * this; the ledger must still never round a sum.)
 */
function atTheLimit(adjustment: number): LedgerLog {
  const everything = { 'new-rep-sourced': 10_000, 'new-company-provided': 10_000, existing: 10_000 };
  return new LedgerLog()
    .plan(aPlan({ ratesBps: everything }))
    .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2026-02-01') })
    .sale({ saleId: 's1', customerId: 'c1', amount: LARGEST, closedAt: at('2026-03-05'), closingRepId: 'rep-a' })
    .sale({ saleId: 's2', customerId: 'c1', amount: LARGEST, closedAt: at('2026-03-06'), closingRepId: 'rep-a' })
    .adjust(rep('rep-a'), adjustment, '2026-03', at('2026-03-31'));
}
const EXACT = 2n * BigInt(LARGEST) + 1n;

function project(readModels: ReadModelDatabase, events: readonly StoredEvent[]): void {
  commissionLedgerProjection.setup(readModels.db);
  for (const event of events) readModels.db.transaction(() => commissionLedgerProjection.apply(event, readModels.db))();
}

async function* inOneBatch(events: readonly StoredEvent[]) {
  yield events;
}

describe('sums beyond the safe integer range', () => {
  const dir = tempDirectory('leadledger-money-bounds');
  let readModels: ReadModelDatabase;
  const log = atTheLimit(1);
  beforeAll(() => {
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    project(readModels, log.events);
  });
  afterAll(() => {
    readModels.close();
    dir.remove();
  });

  it('gives the exact closing balance from the lines', () => {
    const [totals] = statementOf(rep('rep-a'), '2026-03', ledgerOf(log)).totals;
    expect(totals.accrued).toBe(2n * BigInt(LARGEST));
    expect(totals.closingDue).toBe(EXACT);
  });

  it('gives the exact closing balance from the read model’s sums (SQLite)', () => {
    const [totals] = ledgerStatement(readModels.db, rep('rep-a'), '2026-03').totals;
    expect(totals.closingDue).toBe(EXACT);
    expect(payoutPreview(readModels.db, '2026-03')[0].due).toBe(EXACT);
  });

  it('does not match a control that is one minor unit away', () => {
    const control = ledgerOf(atTheLimit(2));
    const result = reconcile('2026-03', ledgerOf(log), control);
    expect(result.matches).toBe(false);
    expect(result.payees[0].control.closingDue - result.payees[0].closingDue).toBe(1n);
  });

  it('does not match the read model against a control replay one minor unit away', async () => {
    const control = new ControlLedger();
    const other = atTheLimit(2).events;
    await control.advance(inOneBatch(other), BigInt(other.length));
    const result = reconcileTotals(
      '2026-03',
      ledgerTotalsThrough(readModels.db, '2026-03'),
      control.totalsThrough('2026-03'),
    );
    expect(result.matches).toBe(false);
    expect(result.totals.map((t) => t.control.closingDue - t.closingDue)).toEqual([1n]);
  });

  it('matches the read model against the same log replayed', async () => {
    const control = new ControlLedger();
    await control.advance(inOneBatch(log.events), BigInt(log.events.length));
    const result = reconcileTotals(
      '2026-03',
      ledgerTotalsThrough(readModels.db, '2026-03'),
      control.totalsThrough('2026-03'),
    );
    expect(result.matches).toBe(true);
    expect(result.totals[0].closingDue).toBe(EXACT);
  });

  /*
   * A rep's credited base in one period passes 2^53 after about 900 sales at the maximum. Cut
   * as (before + base) - before, each later part would lose units; tierSegments measures the
   * parts from `before` instead.
   */
  it('keeps a rep’s accruals exact when their base in one period passes 2^53', () => {
    const everything = { 'new-rep-sourced': 10_000, 'new-company-provided': 10_000, existing: 10_000 };
    const big = new LedgerLog()
      .plan(aPlan({ ratesBps: everything }))
      .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2026-02-01') });
    const sales = 901;
    for (let n = 0; n < sales; n++)
      big.sale({
        saleId: `s${n}`,
        customerId: 'c1',
        amount: 9_999_999_999_999,
        closedAt: at('2026-03-05'),
        closingRepId: 'rep-a',
      });
    const [totals] = statementOf(rep('rep-a'), '2026-03', ledgerOf(big)).totals;
    expect(totals.closingDue).toBe(BigInt(sales) * 9_999_999_999_999n);
  });
});
