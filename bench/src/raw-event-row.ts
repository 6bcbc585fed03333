/** A row of the SQLite adapter's `events` table, as better-sqlite3 returns it. */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * What the raw baselines make of a row: both JSON columns parsed, like the adapter does, so raw
 * pays the same parsing as ours. Plain numbers and a fresh object per row: the fastest shape
 * (see probes/read-breakdown.ts).
 */
export const eventFromRow = (row: EventRow) => ({
  id: row.event_id,
  type: row.type,
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as unknown,
});
