import { attributeRecordedSale, planNamedBy, recordFact } from './commission-facts';
import { LedgerLog, aPlan } from './ledger.fixtures';
import { MemoryBook } from './memory-book';
import type { SaleRecorded } from '@leadledger/sales';

/** A book that has seen every event of `log` that attribution reads. */
function bookOf(log: LedgerLog): MemoryBook {
  const book = new MemoryBook();
  for (const event of log.events) recordFact(book, event);
  return book;
}

const saleData = (log: LedgerLog, saleId: string): SaleRecorded['data'] =>
  log.events.find((e) => e.type === 'SaleRecorded' && (e.data as { saleId: string }).saleId === saleId)!
    .data as unknown as SaleRecorded['data'];

const MARCH_1 = '2026-03-01T10:00:00+08:00';
const MARCH_10 = '2026-03-10T10:00:00+08:00';

describe('commission facts', () => {
  describe('when two plans share a version number', () => {
    const log = new LedgerLog()
      .plan(
        aPlan({ planId: 'referral', ratesBps: { 'new-rep-sourced': 100, 'new-company-provided': 100, existing: 100 } }),
      )
      .plan(aPlan())
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-a', owner: 'rep-a', at: MARCH_1 })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: MARCH_10, closingRepId: 'rep-a' });

    it('finds the plan the sale names by id and version, not the first plan of that version', () => {
      // The sale names standard v1; referral v1 was published first.
      const plan = planNamedBy(bookOf(log), saleData(log, 's1'));
      expect(plan).toMatchObject({ planId: 'standard', version: 1, ratesBps: { 'new-company-provided': 500 } });
    });

    it('attributes the sale under the plan it names', () => {
      expect(attributeRecordedSale(bookOf(log), saleData(log, 's1'))).toMatchObject({
        planId: 'standard',
        planVersion: 1,
      });
    });
  });

  it('knows no plan a sale names when the book never saw it', () => {
    const log = new LedgerLog().plan(aPlan()).sale({
      saleId: 's1',
      customerId: 'c1',
      amount: 100_000,
      closedAt: MARCH_10,
      closingRepId: 'rep-a',
      plan: { planId: 'standard', version: 2 },
    });
    expect(attributeRecordedSale(bookOf(log), saleData(log, 's1'))).toBeNull();
  });

  describe('when nobody has ever owned the customer', () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: null, at: MARCH_1 })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: MARCH_10, closingRepId: 'rep-b' });

    it('credits the closing rep, whose sale is company-provided (rep-a sourced the customer, not rep-b)', () => {
      expect(attributeRecordedSale(bookOf(log), saleData(log, 's1'))).toMatchObject({
        ownerAtClose: null,
        creditedRepId: 'rep-b',
        finderRepId: 'rep-a',
        attributionClass: 'new-company-provided',
      });
    });

    it('then credits the owner from the day rep-a is assigned', () => {
      const later = new LedgerLog()
        .plan(aPlan())
        .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: null, at: MARCH_1 })
        .owner('c1', 'rep-a', '2026-03-05T10:00:00+08:00')
        .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: MARCH_10, closingRepId: 'rep-b' });
      expect(attributeRecordedSale(bookOf(later), saleData(later, 's1'))).toMatchObject({
        ownerAtClose: 'rep-a',
        creditedRepId: 'rep-a',
        attributionClass: 'new-rep-sourced',
      });
    });
  });

  describe('when the customer was never registered with the engine', () => {
    // Ownership and sales of a customer the log never registered (written by another system).
    const log = new LedgerLog()
      .plan(aPlan())
      .owner('ghost', 'rep-a', MARCH_1)
      .sale({ saleId: 's1', customerId: 'ghost', amount: 100_000, closedAt: MARCH_10, closingRepId: 'rep-b' });

    it('ignores the ownership event and remembers no customer', () => {
      const book = bookOf(log);
      expect(book.customer('ghost')).toBeNull();
    });

    it('credits the closing rep at the company-provided rate, and still remembers no customer', () => {
      const book = bookOf(log);
      expect(attributeRecordedSale(book, saleData(log, 's1'))).toMatchObject({
        ownerAtClose: null,
        creditedRepId: 'rep-b',
        attributionClass: 'new-company-provided',
      });
      expect(book.customer('ghost')).toBeNull();
    });
  });

  it("remembers the customer's earliest sale, so a sale after the window is existing", () => {
    const log = new LedgerLog()
      .plan(aPlan())
      .customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-a', owner: 'rep-a', at: MARCH_1 })
      .sale({ saleId: 's1', customerId: 'c1', amount: 100_000, closedAt: MARCH_10, closingRepId: 'rep-a' })
      .sale({
        saleId: 's2',
        customerId: 'c1',
        amount: 100_000,
        closedAt: '2026-07-01T10:00:00+08:00',
        closingRepId: 'rep-a',
      });
    const book = bookOf(log);
    attributeRecordedSale(book, saleData(log, 's1'));
    // 10 March + 90 days = 8 June; 1 July is after it.
    expect(attributeRecordedSale(book, saleData(log, 's2'))).toMatchObject({
      firstSaleAt: MARCH_10,
      customerStatus: 'existing',
    });
    expect(book.customer('c1')?.firstSaleAt).toBe(MARCH_10);
  });
});
