import type { ReadModelConnection } from '@leadledger/projections';
import type { SaleRecorded } from '@leadledger/sales';
import type { Attribution } from '../engine/attribution';

/** A sale as the `sale-attribution` read model recorded it, with the attribution it was given then. */
export interface AttributedSale {
  readonly sale: SaleRecorded['data'];
  readonly attribution: Attribution;
}

/**
 * Sales closed in [from, to), oldest first, at most `limit` of them: by the read model's index
 * on closedAt, so the cost follows the sales of the period, not the age of the log.
 */
export function salesClosedIn(db: ReadModelConnection, from: string, to: string, limit: number): AttributedSale[] {
  const rows = db
    .prepare(
      `SELECT sale_json, attribution_json FROM attribution_sales
       WHERE closed_at_ms >= ? AND closed_at_ms < ? ORDER BY closed_at_ms, sale_id LIMIT ?`,
    )
    .all(Date.parse(from), Date.parse(to), limit) as { sale_json: string; attribution_json: string }[];
  return rows.map((row) => ({
    sale: JSON.parse(row.sale_json) as SaleRecorded['data'],
    attribution: JSON.parse(row.attribution_json) as Attribution,
  }));
}
