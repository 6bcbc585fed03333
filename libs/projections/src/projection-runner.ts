import { type EventStore, type LogConsumer, LogReader, type StoredEvent } from '@leadledger/event-store';
import type { Projection } from './projection';
import { applyToProjections } from './projection-batch';
import { ProjectionWorker, type ProjectionStatus } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Keeps every projection up to date from the global log. Each has its own checkpoint, so one
 * that fails stops alone while the others, and the engine, keep going. In the engine it is
 * one consumer of the process's LogReader (with the reactors); `start()` gives it a reader
 * of its own, for tools and tests.
 */
export class ProjectionRunner implements LogConsumer {
  private readonly workers: ProjectionWorker[];
  private prepared: Promise<void> | null = null;
  private ownReader: LogReader | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    projections: readonly Projection[],
    private readonly options: { batchSize?: number } = {},
  ) {
    this.workers = projections.map((p) => new ProjectionWorker(readModels, p));
  }

  /** Creates the tables and loads the checkpoints; the log reader starts after this. */
  prepare(): Promise<void> {
    this.prepared ??= this.store.headPosition().then((head) => {
      for (const worker of this.workers) worker.prepare(head);
    });
    return this.prepared;
  }

  /**
   * Loads the checkpoints again, after the read-model file was replaced (a damaged one moved
   * aside): on an empty file every projection starts again from the first event.
   */
  reloadCheckpoints(): Promise<void> {
    this.prepared = null;
    return this.prepare();
  }

  /** Prepares, then follows the log with a reader of its own. */
  async start(): Promise<void> {
    await this.prepare();
    this.ownReader = new LogReader(this.store, { batchSize: this.options.batchSize });
    this.ownReader.start([this]);
  }

  get position(): bigint | null {
    const taking = this.workers.filter((w) => w.takesEvents);
    if (taking.length === 0) return null;
    return taking.reduce((low, w) => (w.position < low ? w.position : low), taking[0].position);
  }

  /**
   * A projection that fails on an event stops alone; but a damaged read-model file (SQLite
   * reporting corruption) is thrown, since no projection can go on: the engine rebuilds.
   */
  handle(batch: readonly StoredEvent[]): void {
    applyToProjections(this.readModels, this.workers, batch);
  }

  status(): ProjectionStatus[] {
    return this.workers.map((w) => w.status());
  }

  /** Resolves when every projection that has not failed has applied the log up to `position`. */
  async reached(position: bigint): Promise<void> {
    await this.prepare();
    await Promise.all(this.workers.map((w) => w.reached(position)));
  }

  /** Stops following; checkpoints are already stored with every committed batch. */
  async stop(): Promise<void> {
    await this.ownReader?.stop();
    for (const worker of this.workers) worker.stop();
  }
}
