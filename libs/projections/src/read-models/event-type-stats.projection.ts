import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '../projection';
import { businessDay } from './business-day';

export const EVENT_TYPE_STATS = 'event-type-stats';

/**
 * How many events of each type the log holds, in total and per business day. The day
 * comes from the event's occurredAt in the configured time zone; the zone is part of the
 * version, so changing it rebuilds the projection instead of mixing two calendars.
 */
export function eventTypeStatsProjection(timeZone: string): Projection {
  return {
    name: EVENT_TYPE_STATS,
    version: `1;tz=${timeZone}`,
    tables: ['event_type_totals', 'event_type_daily'],
    setup(db: ReadModelConnection) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS event_type_totals (
          type  TEXT PRIMARY KEY,
          count INTEGER NOT NULL,
          first_occurred_at TEXT NOT NULL,
          last_occurred_at  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS event_type_daily (
          day   TEXT NOT NULL,
          type  TEXT NOT NULL,
          count INTEGER NOT NULL,
          PRIMARY KEY (day, type)
        );
      `);
    },
    apply(event: StoredEvent, db: ReadModelConnection) {
      countEvents(db, [event], timeZone);
    },
    applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
      countEvents(db, events, timeZone);
    },
  };
}

interface TypeTotal {
  count: number;
  first: string;
  last: string;
}

/** Counts per type and per day and type, summed in memory first: one upsert per pair, not per event. */
function countEvents(db: ReadModelConnection, events: readonly StoredEvent[], timeZone: string): void {
  const totals = new Map<string, TypeTotal>();
  const daily = new Map<string, { day: string; type: string; count: number }>();
  for (const { type, metadata } of events) {
    const at = metadata.occurredAt;
    const total = totals.get(type);
    if (!total) totals.set(type, { count: 1, first: at, last: at });
    else {
      total.count++;
      if (at < total.first) total.first = at;
      if (at > total.last) total.last = at;
    }
    const day = businessDay(at, timeZone);
    const key = `${day}|${type}`;
    const perDay = daily.get(key);
    if (perDay) perDay.count++;
    else daily.set(key, { day, type, count: 1 });
  }
  const addTotal = db.prepare(
    `INSERT INTO event_type_totals (type, count, first_occurred_at, last_occurred_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (type) DO UPDATE SET count = count + excluded.count,
       first_occurred_at = min(first_occurred_at, excluded.first_occurred_at),
       last_occurred_at  = max(last_occurred_at, excluded.last_occurred_at)`,
  );
  for (const [type, { count, first, last }] of totals) addTotal.run(type, count, first, last);
  const addDaily = db.prepare(
    `INSERT INTO event_type_daily (day, type, count) VALUES (?, ?, ?)
     ON CONFLICT (day, type) DO UPDATE SET count = count + excluded.count`,
  );
  for (const { day, type, count } of daily.values()) addDaily.run(day, type, count);
}
