import { tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase } from '@leadledger/projections';
import { LedgerLog, aPlan } from '../engine/ledger.fixtures';
import { saleAttributionProjection } from '../read-models/sale-attribution.projection';
import { salesClosedIn } from './period-sales.query';

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const MARCH = at('2026-03-01', '00:00');
const APRIL = at('2026-04-01', '00:00');

/*
 * c1 was found by rep-a (rep-sourced, 8% new); c2 walked in to rep-b (5% new company-provided).
 *   s0 c1 28 Feb 23:59 (before March)
 *   s2 c2 12 Mar 10:00    s1 c1 12 Mar 10:00 (the same instant, recorded after s2)
 *   s3 c1  5 Mar, recorded last
 *   s4 c2  1 Apr 00:00 (the first instant of April)
 */
const log = new LedgerLog()
  .plan(aPlan())
  .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2026-01-05') })
  .customer({ customerId: 'c2', channel: 'walk-in', finder: 'rep-b', owner: 'rep-b', at: at('2026-01-05') })
  .sale({ saleId: 's0', customerId: 'c1', amount: 10_000, closedAt: at('2026-02-28', '23:59'), closingRepId: 'rep-a' })
  .sale({ saleId: 's2', customerId: 'c2', amount: 20_000, closedAt: at('2026-03-12'), closingRepId: 'rep-b' })
  .sale({ saleId: 's1', customerId: 'c1', amount: 30_000, closedAt: at('2026-03-12'), closingRepId: 'rep-a' })
  .sale({ saleId: 's4', customerId: 'c2', amount: 40_000, closedAt: APRIL, closingRepId: 'rep-b' })
  .sale({ saleId: 's3', customerId: 'c1', amount: 50_000, closedAt: at('2026-03-05'), closingRepId: 'rep-a' });

describe('the sales of a period, for the plan what-if', () => {
  const dir = tempDirectory('leadledger-period-sales');
  let readModels: ReadModelDatabase;
  beforeAll(() => {
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    saleAttributionProjection.setup(readModels.db);
    for (const event of log.events)
      readModels.db.transaction(() => saleAttributionProjection.apply(event, readModels.db))();
  });
  afterAll(() => {
    readModels.close();
    dir.remove();
  });

  it('lists the sales closed in March, oldest first (by sale id at the same instant), each with its attribution', () => {
    const sales = salesClosedIn(readModels.db, MARCH, APRIL, 10);
    expect(sales.map(({ sale, attribution }) => [sale.saleId, sale.amount, attribution.creditedRepId])).toEqual([
      ['s3', 50_000, 'rep-a'],
      ['s1', 30_000, 'rep-a'],
      ['s2', 20_000, 'rep-b'],
    ]);
    expect(sales[0]).toEqual({
      sale: expect.objectContaining({ saleId: 's3', customerId: 'c1', closedAt: at('2026-03-05') }),
      attribution: expect.objectContaining({
        saleId: 's3',
        attributionClass: 'new-rep-sourced',
        firstSaleAt: at('2026-02-28', '23:59'),
      }),
    });
  });

  it('stops at the limit (the handler asks for one more than it compares, to know there are too many)', () => {
    expect(salesClosedIn(readModels.db, MARCH, APRIL, 2).map((s) => s.sale.saleId)).toEqual(['s3', 's1']);
  });
});
