import { type EventStore, readAllInBatches } from '@leadledger/event-store';
import type { Projection } from './projection';
import { applyToProjections } from './projection-batch';
import { ProjectionWorker, type ProjectionStatus } from './projection-worker';
import { READ_MODEL_CACHE_KIB, type ReadModelDatabase } from './read-model-database';

/** What a rebuild may spend in memory to go faster. */
export interface RebuildBudget {
  /** Events per read of the log and per read-model transaction. */
  readonly batchEvents: number;
  /** The read-model connection's page cache while rebuilding, in KiB. */
  readonly pageCacheKiB: number;
}

/** The memory of a running engine: verify rebuilds with this (at most 300 MB at 500k events). */
export const LEAN_REBUILD: RebuildBudget = { batchEvents: 2000, pageCacheKiB: READ_MODEL_CACHE_KIB };

/**
 * The CLI's `rebuild`, with the engine stopped: about 150 MB more at its peak than LEAN_REBUILD
 * for fewer, larger commits that write each busy index page once instead of several times
 * (docs/benchmarks.md).
 */
export const AMPLE_REBUILD: RebuildBudget = { batchEvents: 10_000, pageCacheKiB: 64 * 1024 };

/**
 * Rebuilds projections from the first event in ONE pass over the log: each batch is read
 * once and applied to all of them in one transaction. `until` (inclusive) bounds each
 * projection, by name (verify rebuilds each up to its live checkpoint); absent, the head of
 * the log. Run it while no engine is writing the same read-model file.
 *
 * Until the pass is done, each stored checkpoint stays at 0: a pass cut short, by `signal`
 * between two batches (an engine asked to stop while it builds) or by a crash, leaves its
 * projections to be built again in one pass at the next start rather than served half built.
 */
export async function rebuildProjections(
  store: EventStore,
  readModels: ReadModelDatabase,
  projections: readonly Projection[],
  until?: ReadonlyMap<string, bigint>,
  budget: RebuildBudget = LEAN_REBUILD,
  signal?: AbortSignal,
): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const workers = projections.map((p) => new ProjectionWorker(readModels, p, until?.get(p.name) ?? head));
  for (const worker of workers) {
    readModels.reset(worker.projection.tables, worker.projection.name);
    worker.prepare(head);
  }
  await readModels.unsyncedWhile(async () => {
    for await (const batch of readAllInBatches(store, { maxCount: budget.batchEvents })) {
      if (signal?.aborted) return leaveUnbuilt(workers);
      applyToProjections(readModels, workers, batch);
      if (!workers.some((w) => w.takesEvents)) break;
    }
    storeCheckpoints(readModels, workers);
  }, budget.pageCacheKiB);
  return workers.map((w) => w.status());
}

/** The pass is done: each position (and failure) stored at once, in one transaction. */
function storeCheckpoints(readModels: ReadModelDatabase, workers: readonly ProjectionWorker[]): void {
  readModels.db.transaction(() => {
    for (const worker of workers) {
      const { name, version, position, failure } = worker.status();
      readModels.saveCheckpoint(name, version, position);
      if (failure) readModels.recordFailure(name, failure);
    }
  })();
}

/** Their stored checkpoints are still 0 (stored at the end only): the answered statuses say so too. */
function leaveUnbuilt(workers: readonly ProjectionWorker[]): void {
  for (const worker of workers) worker.adopt(0n);
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
