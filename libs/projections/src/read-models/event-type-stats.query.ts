import type Database from 'better-sqlite3';

export interface EventTypeTotal {
  readonly type: string;
  readonly count: number;
  readonly firstOccurredAt: string;
  readonly lastOccurredAt: string;
}

export interface EventTypeDailyCount {
  readonly day: string;
  readonly type: string;
  readonly count: number;
}

export interface EventTypeStats {
  readonly totalEvents: number;
  readonly byType: EventTypeTotal[];
  readonly byDay: EventTypeDailyCount[];
}

/** Counts per type over the whole log, and per day between `from` and `to` (inclusive, YYYY-MM-DD). */
export function queryEventTypeStats(db: Database.Database, range: { from?: string; to?: string } = {}): EventTypeStats {
  const byType = db
    .prepare(
      `SELECT type, count, first_occurred_at AS firstOccurredAt, last_occurred_at AS lastOccurredAt
       FROM event_type_totals ORDER BY type`,
    )
    .all() as EventTypeTotal[];
  const byDay = db
    .prepare(
      `SELECT day, type, count FROM event_type_daily
       WHERE day >= coalesce(?, '0000-00-00') AND day <= coalesce(?, '9999-99-99')
       ORDER BY day, type`,
    )
    .all(range.from ?? null, range.to ?? null) as EventTypeDailyCount[];
  return { totalEvents: byType.reduce((sum, t) => sum + t.count, 0), byType, byDay };
}
