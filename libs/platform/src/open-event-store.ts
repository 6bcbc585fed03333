import type { EventStore } from '@leadledger/event-store';
import { EsdbEventStore } from '@leadledger/event-store-esdb';
import { SqliteEventStore, SqliteSnapshotStore } from '@leadledger/event-store-sqlite';
import type { Clock } from '@leadledger/kernel';
import type { EngineConfig } from './engine-config';

/** Beside the read models, in a file of its own: snapshots are derived data, local to one engine. */
export const snapshotsFileFor = (readModelsFile: string): string =>
  readModelsFile === ':memory:' ? ':memory:' : `${readModelsFile.replace(/\.sqlite$/, '')}.snapshots.sqlite`;

/**
 * The configured store: SQLite by default, EventStoreDB when a connection string is set. Its
 * streams' folded states are snapshotted in a SQLite file beside the read models, closed with it.
 */
export interface OpenEventStoreOptions {
  /** The serving engine's: a SQLite log checkpointed from a thread of its own (not worth a thread in a CLI run). */
  readonly backgroundCheckpoints?: boolean;
}

export function openEventStore(config: EngineConfig, clock?: Clock, options: OpenEventStoreOptions = {}): EventStore {
  const store =
    config.store.kind === 'eventstoredb'
      ? new EsdbEventStore({
          connectionString: config.store.connectionString,
          maxAppendBytes: config.store.maxAppendBytes,
          clock,
        })
      : new SqliteEventStore({ file: config.store.file, clock, backgroundCheckpoints: options.backgroundCheckpoints });
  const snapshots = new SqliteSnapshotStore({ file: snapshotsFileFor(config.readModelsFile) });
  store.streamStates.useSnapshots(snapshots);
  const close = store.close.bind(store);
  store.close = async () => {
    try {
      await close();
    } finally {
      snapshots.close();
    }
  };
  return store;
}
