import type { EventStore } from '@leadledger/event-store';
import type { Projection } from './projection';
import { ProjectionWorker, type ProjectionStatus } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Rebuilds one projection from the first event up to `until` (default: the head of the
 * log). Run it while no engine is writing the same read-model file.
 */
export async function rebuildProjection(
  store: EventStore,
  readModels: ReadModelDatabase,
  projection: Projection,
  until?: bigint,
): Promise<ProjectionStatus> {
  readModels.reset(projection.tables, projection.name);
  const worker = new ProjectionWorker(store, readModels, projection);
  worker.prepare();
  await worker.catchUp(until);
  return worker.status();
}
