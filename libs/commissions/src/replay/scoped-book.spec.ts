import type { StoredEvent } from '@leadledger/event-store';
import { LedgerLog, aPlan } from '../engine/ledger.fixtures';
import { ScopedBook, inLogOrder } from './scoped-book';

/*
 * The ledger's memory for one line's replay. Fen (1.00 CNY = 100); the plan is the fixtures'
 * plain one (booked, 5% new company-provided). c1, a walk-in owned by rep-a, buys 8,000.00 on
 * 2 March (s1, e5) and 5,000.00 on 10 March (s2, e6), then 1,000.00 is refunded on s1 (e7).
 */
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const log = new LedgerLog()
  .plan(aPlan())
  .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-a', owner: 'rep-a', at: '2026-02-01T10:00:00+08:00' })
  .sale({ saleId: 's1', customerId: 'c1', amount: 800_000, closedAt: at(2), closingRepId: 'rep-a' })
  .sale({ saleId: 's2', customerId: 'c1', amount: 500_000, closedAt: at(10), closingRepId: 'rep-a' })
  .refund('s1', 100_000, at(12));
const [, , , , s1, s2, refund] = log.events;

describe('events of several streams, put in log order', () => {
  it('sorts by global position whatever order they came in, each event once', () => {
    const scrambled: StoredEvent[] = [refund, s1, s2, log.events[0], s1, log.events[3], log.events[1], log.events[2]];
    expect(inLogOrder(scrambled).map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(inLogOrder([...log.events].reverse()).map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
  });
});

describe("a replay's book", () => {
  const book = () => {
    const asked: { repId: string; period: string; currency: string; at: bigint }[] = [];
    const scoped: ScopedBook = new ScopedBook((repId, period, currency) => {
      asked.push({ repId, period, currency, at: scoped.at });
      return 300_000;
    });
    for (const event of log.events.slice(0, 4)) scoped.apply(event);
    return { scoped, asked };
  };

  it("takes another sale of the customer only as the customer's first sale, and posts nothing for it", () => {
    const { scoped, asked } = book();
    expect(scoped.otherSale(s1, 's2')).toBe(true);
    expect(scoped.at).toBe(5n);
    expect(scoped.customer('c1')?.firstSaleAt).toBe(at(2));
    expect(scoped.sale('s1')).toBeNull();
    expect(asked).toEqual([]);
  });

  it("is not another sale when it is the line's own sale or not a SaleRecorded", () => {
    const { scoped } = book();
    expect(scoped.otherSale(s2, 's2')).toBe(false);
    expect(scoped.otherSale(refund, 's2')).toBe(false);
    expect(scoped.customer('c1')?.firstSaleAt).toBeNull();
  });

  it('asks the tier base at the position of the event it applies, and keeps nothing it sets or posts', () => {
    const { scoped, asked } = book();
    // 3,000.00 credited before s1 (as the reading says): 8,000.00 x 5% = 400.00, below any tier (none).
    const lines = scoped.apply(s1);
    expect(lines.map((l) => [l.lineId, l.amount])).toEqual([['e5:0', 40_000]]);
    expect(asked).toEqual([{ repId: 'rep-a', period: '2026-03', currency: 'CNY', at: 5n }]);
    expect(scoped.tierBase('rep-a', '2026-03', 'CNY')).toBe(300_000);
    expect(scoped.sale('s1')?.rate.cover).toBe(800_000);
  });

  it('remembers plans, leads and the closed period as the engine gives them', () => {
    const { scoped } = book();
    expect(scoped.plans().map((p) => p.planId)).toEqual(['standard']);
    expect(scoped.lead('lead-c1')).toEqual({
      leadId: 'lead-c1',
      channel: 'walk-in',
      receivedBy: 'rep-a',
      referralPartnerId: null,
    });
    expect(scoped.closedThrough()).toBeNull();
    scoped.setClosedThrough('2026-02');
    expect(scoped.closedThrough()).toBe('2026-02');
  });
});
