import type { EventStore } from '@leadledger/event-store';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Which log a read-model file was built from: its first event's id and that event's position
 * in the store. The position tells two stores apart even after `import` copied the events with
 * their ids (SQLite counts positions from 1, EventStoreDB's are offsets in its own log). Null
 * while the log is empty.
 */
export async function logOrigin(store: Pick<EventStore, 'readAll'>): Promise<string | null> {
  const [first] = await store.readAll({ maxCount: 1 });
  return first ? `${first.id}@${first.position}` : null;
}

export type OriginCheck = { readonly matches: true } | { readonly matches: false; readonly reason: string };

const ORIGIN_TABLE = 'read_model_origin';

function recordedOrigin(readModels: ReadModelDatabase): string | null {
  readModels.db.exec(`CREATE TABLE IF NOT EXISTS ${ORIGIN_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const row = readModels.db.prepare(`SELECT value FROM ${ORIGIN_TABLE} WHERE key = 'log'`).get() as
    { value: string } | undefined;
  return row?.value ?? null;
}

function furthestCheckpoint(readModels: ReadModelDatabase): bigint {
  const row = readModels.db
    .prepare('SELECT MAX(position) AS furthest FROM projection_checkpoints')
    .safeIntegers(true)
    .get() as { furthest: bigint | null };
  return row.furthest ?? 0n;
}

/** Forgets which log the file was built from: the next check records the log it is given. */
export function forgetOrigin(readModels: ReadModelDatabase): void {
  readModels.db.exec(`CREATE TABLE IF NOT EXISTS ${ORIGIN_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  readModels.db.exec(`DELETE FROM ${ORIGIN_TABLE}`);
}

/**
 * Whether the read models in this file were built from this store's log. They were not when the
 * file records another log's first event, or when a checkpoint lies past the log's head (a
 * file from a longer log, or one restored beside an older backup of the log). Then every
 * position in it means nothing here, and reading on from them would skip or repeat events:
 * the caller rebuilds the file instead. A file that matches, or records no origin yet (built
 * before origins were kept, or brand new), has this log recorded as its origin.
 */
export async function checkReadModelOrigin(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  readModels: ReadModelDatabase,
): Promise<OriginCheck> {
  const origin = await logOrigin(store);
  const head = await store.headPosition();
  const recorded = recordedOrigin(readModels);
  const furthest = furthestCheckpoint(readModels);
  if (recorded !== null && recorded !== origin)
    return {
      matches: false,
      reason: `built from another log (first event ${recorded}; this log's is ${origin ?? 'none: it is empty'})`,
    };
  if (furthest > head)
    return { matches: false, reason: `read past this log's head (position ${furthest}, head ${head})` };
  if (origin !== null && recorded === null)
    readModels.db.prepare(`INSERT OR REPLACE INTO ${ORIGIN_TABLE} (key, value) VALUES ('log', ?)`).run(origin);
  return { matches: true };
}
