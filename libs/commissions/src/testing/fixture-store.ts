import type { StoredEvent } from '@leadledger/event-store';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';

/** Appends a fixture log to a real SQLite store, ids, positions and times kept as written. */
export async function storeOf(file: string, events: readonly StoredEvent[]): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file });
  const asNew = events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }));
  await store.appendToStream('commissions-test', asNew, { expectedRevision: 'no_stream' });
  return store;
}
