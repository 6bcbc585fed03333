import type { EventStore, StoredEvent, Subscription } from '@leadledger/event-store';
import { EventEmitter } from 'node:events';
import type { Projection } from './projection';
import type { ProjectionFailure, ReadModelDatabase } from './read-model-database';

export type ProjectionState = 'idle' | 'catching-up' | 'live' | 'failed' | 'stopped';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: string;
  readonly state: ProjectionState;
  /** Global position of the last event applied (checkpoint). */
  readonly position: bigint;
  readonly failure: ProjectionFailure | null;
}

/** Drives one projection: checkpointed catch-up in batches, then live, stopping at a failing event. */
export class ProjectionWorker {
  private state: ProjectionState = 'idle';
  private position = 0n;
  private failure: ProjectionFailure | null = null;
  private subscription: Subscription | null = null;
  private readonly progress = new EventEmitter();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    readonly projection: Projection,
    private readonly batchSize = 500,
  ) {
    this.progress.setMaxListeners(0);
  }

  status(): ProjectionStatus {
    const { name, version } = this.projection;
    return { name, version, state: this.state, position: this.position, failure: this.failure };
  }

  /** Creates the tables; a stored checkpoint of another version means rebuild from zero. */
  prepare(): void {
    const { name, version, tables } = this.projection;
    let checkpoint = this.readModels.checkpoint(name);
    if (checkpoint && checkpoint.version !== version) {
      this.readModels.reset(tables, name);
      checkpoint = null;
    }
    this.readModels.db.transaction(() => {
      this.projection.setup(this.readModels.db);
      if (!checkpoint) this.readModels.saveCheckpoint(name, version, 0n);
    })();
    this.position = checkpoint?.position ?? 0n;
    this.failure = null;
  }

  /** Applies everything after the checkpoint, up to `until` (inclusive) or the head of the log. */
  async catchUp(until?: bigint): Promise<void> {
    this.state = 'catching-up';
    for (;;) {
      let batch = await this.store.readAll({ after: this.position, maxCount: this.batchSize });
      if (until !== undefined) batch = batch.filter((e) => e.position <= until);
      if (batch.length === 0) return;
      if (!this.applyBatch(batch)) return;
    }
  }

  /** Follows the log live from the checkpoint until stopped or an event fails. */
  follow(): void {
    if (this.state === 'failed' || this.state === 'stopped') return;
    this.state = 'live';
    this.subscription = this.store.subscribeToAll({ after: this.position }, (event) => {
      if (!this.applyBatch([event])) throw new Error(this.failure?.error ?? 'projection failed');
    });
    this.subscription.done.catch(() => {
      if (this.state !== 'stopped') this.state = 'failed';
    });
  }

  async stop(): Promise<void> {
    if (this.state !== 'failed') this.state = 'stopped';
    await this.subscription?.stop();
  }

  /** Resolves once the checkpoint reaches `position`, or the projection has failed or stopped. */
  async reached(position: bigint): Promise<void> {
    while (this.position < position && this.state !== 'failed' && this.state !== 'stopped') {
      await new Promise((resolve) => this.progress.once('progress', resolve));
    }
  }

  /** One transaction for the batch and its checkpoint; on error, event by event to stop at the culprit. */
  private applyBatch(batch: readonly StoredEvent[]): boolean {
    try {
      this.commit(batch);
      return true;
    } catch {
      for (const event of batch) {
        try {
          this.commit([event]);
        } catch (error) {
          this.fail(event, error);
          return false;
        }
      }
      return true;
    }
  }

  private reads(event: StoredEvent): boolean {
    return this.projection.eventTypes?.includes(event.type) ?? true;
  }

  private commit(events: readonly StoredEvent[]): void {
    const { db } = this.readModels;
    const { name, version } = this.projection;
    const last = events[events.length - 1];
    db.transaction(() => {
      for (const event of events) if (this.reads(event)) this.projection.apply(event, db);
      this.readModels.saveCheckpoint(name, version, last.position);
    })();
    this.position = last.position;
    this.progress.emit('progress');
  }

  private fail(event: StoredEvent, error: unknown): void {
    this.failure = {
      eventId: event.id,
      position: event.position,
      error: error instanceof Error ? error.message : String(error),
    };
    this.readModels.recordFailure(this.projection.name, this.failure);
    this.state = 'failed';
    this.progress.emit('progress');
  }
}
