import type { StoredEvent } from '@leadledger/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from '../projection';
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
    setup(db: Database.Database) {
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
    apply(event: StoredEvent, db: Database.Database) {
      const occurredAt = event.metadata.occurredAt;
      db.prepare(
        `INSERT INTO event_type_totals (type, count, first_occurred_at, last_occurred_at) VALUES (?, 1, ?, ?)
         ON CONFLICT (type) DO UPDATE SET count = count + 1,
           first_occurred_at = min(first_occurred_at, excluded.first_occurred_at),
           last_occurred_at  = max(last_occurred_at, excluded.last_occurred_at)`,
      ).run(event.type, occurredAt, occurredAt);
      db.prepare(
        `INSERT INTO event_type_daily (day, type, count) VALUES (?, ?, 1)
         ON CONFLICT (day, type) DO UPDATE SET count = count + 1`,
      ).run(businessDay(occurredAt, timeZone), event.type);
    },
  };
}
