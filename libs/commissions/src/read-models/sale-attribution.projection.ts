import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import type { SaleEvent } from '@leadledger/sales';
import { SALE_EVENT_TYPES } from '@leadledger/sales';
import { FACT_EVENT_TYPES, attributeRecordedSale, recordFact } from '../engine/commission-facts';
import type { FactsBook } from '../engine/commission-book';
import { SqlFactsBook, createFactTables, factTables } from './sql-book';

export const SALE_ATTRIBUTION = 'sale-attribution';

/**
 * For each sale: new or existing customer, rep-sourced or company-provided, owner at
 * closedAt, finder, closer and class; with what was collected and refunded since.
 */
export const saleAttributionProjection: Projection = {
  name: SALE_ATTRIBUTION,
  version: '1',
  tables: [...factTables('attribution'), 'attribution_sales'],
  eventTypes: [...FACT_EVENT_TYPES, ...SALE_EVENT_TYPES],
  setup(db: ReadModelConnection) {
    createFactTables(db, 'attribution');
    db.exec(`
      CREATE TABLE IF NOT EXISTS attribution_sales (
        sale_id          TEXT PRIMARY KEY,
        external_id      TEXT NOT NULL,
        customer_id      TEXT NOT NULL,
        closed_at        TEXT NOT NULL,
        closed_at_ms     INTEGER NOT NULL,
        credited_rep_id  TEXT NOT NULL,
        class            TEXT NOT NULL,
        channel          TEXT,
        currency         TEXT NOT NULL,
        amount           INTEGER NOT NULL,
        collected_total  INTEGER NOT NULL DEFAULT 0,
        refunded_total   INTEGER NOT NULL DEFAULT 0,
        cancelled        INTEGER NOT NULL DEFAULT 0,
        sale_json        TEXT NOT NULL,
        attribution_json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS attribution_sales_by_time ON attribution_sales (closed_at_ms);
      CREATE INDEX IF NOT EXISTS attribution_sales_by_customer ON attribution_sales (customer_id, closed_at_ms);
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    applyToAttribution(new SqlFactsBook(db, 'attribution'), stored, db);
  },
  applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
    const book = new SqlFactsBook(db, 'attribution');
    book.inBatch(() => {
      for (const event of events) applyToAttribution(book, event, db);
    });
  },
};

/** One event: its facts into the book, and a sale, payment, refund or cancellation into attribution_sales. */
function applyToAttribution(book: FactsBook, stored: StoredEvent, db: ReadModelConnection): void {
  recordFact(book, stored);
  const event = { type: stored.type, data: stored.data } as unknown as SaleEvent;
  switch (event.type) {
    case 'SaleRecorded': {
      const attribution = attributeRecordedSale(book, event.data);
      if (!attribution) return;
      const d = event.data;
      db.prepare(
        `INSERT OR IGNORE INTO attribution_sales (sale_id, external_id, customer_id, closed_at, closed_at_ms, credited_rep_id,
           class, channel, currency, amount, sale_json, attribution_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        d.saleId,
        d.externalId,
        d.customerId,
        d.closedAt,
        Date.parse(d.closedAt),
        attribution.creditedRepId,
        attribution.attributionClass,
        attribution.channel,
        d.currency,
        d.amount,
        JSON.stringify(d),
        JSON.stringify(attribution),
      );
      return;
    }
    case 'PaymentReceived':
      db.prepare('UPDATE attribution_sales SET collected_total = ? WHERE sale_id = ?').run(
        event.data.collectedTotal,
        event.data.saleId,
      );
      return;
    case 'SaleRefunded':
      db.prepare('UPDATE attribution_sales SET refunded_total = ? WHERE sale_id = ?').run(
        event.data.refundedTotal,
        event.data.saleId,
      );
      return;
    case 'SaleCancelled':
      db.prepare('UPDATE attribution_sales SET cancelled = 1 WHERE sale_id = ?').run(event.data.saleId);
      return;
  }
}
