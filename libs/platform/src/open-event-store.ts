import type { EventStore } from '@leadledger/event-store';
import { EsdbEventStore } from '@leadledger/event-store-esdb';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import type { Clock } from '@leadledger/kernel';
import type { EngineConfig } from './engine-config';

/** The configured store: SQLite by default, EventStoreDB when a connection string is set. */
export function openEventStore(config: EngineConfig, clock?: Clock): EventStore {
  return config.store.kind === 'eventstoredb'
    ? new EsdbEventStore({ connectionString: config.store.connectionString, clock })
    : new SqliteEventStore({ file: config.store.file, clock });
}
