import type { MinorUnits } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';
import type { SaleRecorded } from '@leadledger/sales';
import type { Attribution } from '../engine/attribution';

export interface SaleView {
  readonly sale: SaleRecorded['data'];
  readonly status: 'open' | 'cancelled';
  readonly collectedTotal: MinorUnits;
  readonly refundedTotal: MinorUnits;
  /** amount - refunds; 0 once cancelled. */
  readonly netAmount: MinorUnits;
  readonly outstanding: MinorUnits;
  readonly attribution: Attribution;
}

interface SaleRow {
  sale_json: string;
  attribution_json: string;
  collected_total: number;
  refunded_total: number;
  cancelled: number;
}

function toView(row: SaleRow): SaleView {
  const sale = JSON.parse(row.sale_json) as SaleRecorded['data'];
  const netAmount = row.cancelled ? 0 : sale.amount - row.refunded_total;
  return {
    sale,
    status: row.cancelled ? 'cancelled' : 'open',
    collectedTotal: row.collected_total,
    refundedTotal: row.refunded_total,
    netAmount,
    outstanding: Math.max(0, netAmount - row.collected_total),
    attribution: JSON.parse(row.attribution_json) as Attribution,
  };
}

export function getSale(db: ReadModelConnection, saleId: string): SaleView | null {
  const row = db.prepare('SELECT * FROM attribution_sales WHERE sale_id = ?').get(saleId) as SaleRow | undefined;
  return row ? toView(row) : null;
}

export interface AttributionRow {
  readonly repId: string;
  readonly attributionClass: string;
  readonly channel: string | null;
  readonly currency: string;
  readonly sales: number;
  /** Booked revenue less refunds and cancellations. */
  readonly netRevenue: MinorUnits;
  readonly collected: MinorUnits;
}

/** Revenue by credited rep, class and first-lead channel, for sales closed in [from, to). */
export function attributionSummary(db: ReadModelConnection, from: string, to: string): AttributionRow[] {
  const rows = db
    .prepare(
      `SELECT credited_rep_id AS repId, class AS attributionClass, channel, currency, count(*) AS sales,
              sum(CASE WHEN cancelled = 1 THEN 0 ELSE amount - refunded_total END) AS netRevenue,
              sum(collected_total) AS collected
       FROM attribution_sales WHERE closed_at_ms >= ? AND closed_at_ms < ?
       GROUP BY credited_rep_id, class, channel, currency
       ORDER BY credited_rep_id, class, channel, currency`,
    )
    .all(Date.parse(from), Date.parse(to));
  return rows as AttributionRow[];
}

/** A sale of a customer, as far as who was credited for it is concerned. */
export interface RecordedSale {
  readonly saleId: string;
  readonly externalId: string;
  readonly closedAt: string;
}

/** The customer's latest sale (not cancelled) closed at or after `from`, or null. */
export function latestSaleOfCustomerFrom(
  db: ReadModelConnection,
  customerId: string,
  from: string,
): RecordedSale | null {
  const row = db
    .prepare(
      `SELECT sale_id AS saleId, external_id AS externalId, closed_at AS closedAt FROM attribution_sales
       WHERE customer_id = ? AND closed_at_ms >= ? AND cancelled = 0
       ORDER BY closed_at_ms DESC LIMIT 1`,
    )
    .get(customerId, Date.parse(from)) as RecordedSale | undefined;
  return row ?? null;
}
