import type { ReadModelConnection } from '@leadledger/projections';
import { type PeriodCalendar, periodOf } from '../plan/commission-periods';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instants a period can span in any time zone: its calendar days, a day wider on each side. */
function periodWindow(period: string): [number, number] {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const year = Number((month ?? quarter)?.[1]);
  const first = month ? Number(month[2]) - 1 : (Number(quarter?.[2]) - 1) * 3;
  const months = month ? 1 : 3;
  return [Date.UTC(year, first, 1) - DAY_MS, Date.UTC(year, first + months, 1) + DAY_MS];
}

/**
 * The sales credited to a rep that closed in a period, from the sale-attribution read model by
 * its index on closedAt: the period's sales, however old the log is.
 */
export function sqlSalesCreditedIn(db: ReadModelConnection) {
  return (repId: string, period: string, currency: string, calendar: PeriodCalendar): string[] => {
    const [from, to] = periodWindow(period);
    const rows = db
      .prepare(
        `SELECT sale_id, closed_at FROM attribution_sales
          WHERE closed_at_ms >= ? AND closed_at_ms < ? AND credited_rep_id = ? AND currency = ?`,
      )
      .all(from, to, repId, currency) as { sale_id: string; closed_at: string }[];
    return rows.filter((row) => periodOf(row.closed_at, calendar) === period).map((row) => row.sale_id);
  };
}
