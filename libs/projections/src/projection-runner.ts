import type { EventStore } from '@leadledger/event-store';
import type { Projection } from './projection';
import { ProjectionWorker, type ProjectionStatus } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Runs every projection against the global log. Each has its own checkpoint, so one
 * that fails stops alone while the others, and the engine, keep going.
 */
export class ProjectionRunner {
  private readonly workers: ProjectionWorker[];
  private started: Promise<void> | null = null;

  constructor(
    store: EventStore,
    readModels: ReadModelDatabase,
    projections: readonly Projection[],
    options: { batchSize?: number } = {},
  ) {
    this.workers = projections.map((p) => new ProjectionWorker(store, readModels, p, options.batchSize));
  }

  /** Prepares every projection, then catches each up and follows live, in the background. */
  start(): Promise<void> {
    for (const worker of this.workers) worker.prepare();
    this.started = Promise.all(
      this.workers.map(async (worker) => {
        await worker.catchUp();
        worker.follow();
      }),
    ).then(() => undefined);
    return this.started;
  }

  status(): ProjectionStatus[] {
    return this.workers.map((w) => w.status());
  }

  /** Resolves when every projection that has not failed has applied the log up to `position`. */
  async reached(position: bigint): Promise<void> {
    await this.started;
    await Promise.all(this.workers.map((w) => w.reached(position)));
  }

  /** Stops following; checkpoints are already stored with every committed batch. */
  async stop(): Promise<void> {
    await this.started?.catch(() => undefined);
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
