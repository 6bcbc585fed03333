import type { EventStore } from '@leadledger/event-store';
import { type EngineConfig, loadConfig, openEventStore } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import type { CliIo } from './cli-io';

/** Opens what a command needs from the same configuration the engine reads, and closes it after. */
export async function withStore<T>(
  io: CliIo,
  work: (store: EventStore, config: EngineConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env);
  const store = openEventStore(config, io.clock);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}

export async function withStoreAndReadModels<T>(
  io: CliIo,
  work: (store: EventStore, readModels: ReadModelDatabase, config: EngineConfig) => Promise<T>,
): Promise<T> {
  return withStore(io, async (store, config) => {
    const readModels = new ReadModelDatabase(config.readModelsFile);
    try {
      return await work(store, readModels, config);
    } finally {
      readModels.close();
    }
  });
}
