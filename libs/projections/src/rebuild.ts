import { type EventStore, readAllInBatches } from '@leadledger/event-store';
import type { Projection } from './projection';
import { applyToProjections } from './projection-batch';
import { ProjectionWorker, type ProjectionStatus } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';

/** Events per read and per read-model transaction while rebuilding. */
const REBUILD_BATCH = 2000;

/**
 * Rebuilds projections from the first event in ONE pass over the log: each batch is read
 * once and applied to all of them in one transaction. `until` (inclusive) bounds each
 * projection, by name (verify rebuilds each up to its live checkpoint); absent, the head of
 * the log. Run it while no engine is writing the same read-model file.
 */
export async function rebuildProjections(
  store: EventStore,
  readModels: ReadModelDatabase,
  projections: readonly Projection[],
  until?: ReadonlyMap<string, bigint>,
): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const workers = projections.map((p) => new ProjectionWorker(readModels, p, until?.get(p.name) ?? head));
  for (const worker of workers) {
    readModels.reset(worker.projection.tables, worker.projection.name);
    worker.prepare(head);
  }
  await readModels.unsyncedWhile(async () => {
    for await (const batch of readAllInBatches(store, { maxCount: REBUILD_BATCH })) {
      applyToProjections(readModels, workers, batch);
      if (!workers.some((w) => w.takesEvents)) break;
    }
  });
  return workers.map((w) => w.status());
}

/** Rebuilds one projection from the first event up to `until` (default: the head of the log). */
export async function rebuildProjection(
  store: EventStore,
  readModels: ReadModelDatabase,
  projection: Projection,
  until?: bigint,
): Promise<ProjectionStatus> {
  const bound = until === undefined ? undefined : new Map([[projection.name, until]]);
  const [status] = await rebuildProjections(store, readModels, [projection], bound);
  return status;
}
