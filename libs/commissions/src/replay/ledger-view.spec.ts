import { tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase } from '@leadledger/projections';
import { LedgerLog, aPlan, ledgerOf } from '../engine/ledger.fixtures';
import { commissionLedgerProjection } from '../read-models/commission-ledger.projection';
import { ledgerTierBase, sqlLedgerView } from './ledger-view';

/*
 * The ledger read model as a line replay reads it. Fen (1.00 CNY = 100); the plan is the fixtures'
 * plain one (booked, 5% new company-provided). rep-a owns c1 (a walk-in) and sells 8,000.00 on
 * 2 March (e5: 400.00) and 5,000.00 on 10 March (e6: 250.00): 8,000.00 then 13,000.00 credited in March.
 */
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const log = new LedgerLog()
  .plan(aPlan())
  .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-a', owner: 'rep-a', at: '2026-02-01T10:00:00+08:00' })
  .sale({ saleId: 's1', customerId: 'c1', amount: 800_000, closedAt: at(2), closingRepId: 'rep-a' })
  .sale({ saleId: 's2', customerId: 'c1', amount: 500_000, closedAt: at(10), closingRepId: 'rep-a' });

/** The commission-ledger projection over the log, in a scratch SQLite file, for one test. */
function withLedger(test: (db: ReadModelDatabase) => void): void {
  const dir = tempDirectory('leadledger-ledger-view');
  const readModels = new ReadModelDatabase(dir.file('ledger.sqlite'));
  try {
    commissionLedgerProjection.setup(readModels.db);
    for (const event of log.events) commissionLedgerProjection.apply(event, readModels.db);
    test(readModels);
  } finally {
    readModels.close();
    dir.remove();
  }
}

describe('the ledger as a line replay reads it', () => {
  it('finds a line by its id, as the engine posted it, and counts only the lines it found', () => {
    withLedger(({ db }) => {
      const view = sqlLedgerView(db);
      expect(view.linesRead).toBe(0);
      expect(view.line('e6:0')).toEqual(ledgerOf(log).find((l) => l.lineId === 'e6:0'));
      expect(view.line('e6:0')?.amount).toBe(25_000);
      expect(view.linesRead).toBe(2);
      expect(view.line('e6:1')).toBeNull();
      expect(view.linesRead).toBe(2);
    });
  });

  it("reads a rep's credited base in the month before an event, and the whole month so far", () => {
    withLedger(({ db }) => {
      const view = sqlLedgerView(db);
      // Before s2 (position 6): 8,000.00, left by s1 at position 5. Before s1: nothing.
      expect(view.tierBaseBefore('rep-a', '2026-03', 'CNY', 6n)).toEqual({ base: 800_000, setAt: '5' });
      expect(view.tierBaseBefore('rep-a', '2026-03', 'CNY', 5n)).toEqual({ base: 0, setAt: null });
      expect(view.tierTotal('rep-a', '2026-03', 'CNY')).toBe(1_300_000);
      expect(view.tierTotal('rep-a', '2026-04', 'CNY')).toBe(0);
    });
  });

  it('gives the replay its tier base reading: rep, period, currency, before which event, set by which', () => {
    withLedger(({ db }) => {
      const reading = ledgerTierBase(sqlLedgerView(db));
      expect(reading('rep-a', '2026-03', 'CNY', 6n)).toEqual({
        repId: 'rep-a',
        period: '2026-03',
        currency: 'CNY',
        base: 800_000,
        beforePosition: '6',
        setAtPosition: '5',
        creditedInPeriod: 1_300_000,
      });
    });
  });
});
