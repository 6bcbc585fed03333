import type { StoredEvent } from '@leadledger/event-store';
import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
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

/**
 * One projection's checkpoint, state and failure. It does not read the log itself: a
 * ProjectionBatch hands it events (live from the process's log reader, or from a rebuild),
 * and it applies those after its checkpoint, up to `rebuildUntil` when one is set.
 */
export class ProjectionWorker {
  private state: ProjectionState = 'idle';
  private checkpoint = 0n;
  /** The head of the log when it started: reaching it ends the catch-up. */
  private liveFrom = 0n;
  private failure: ProjectionFailure | null = null;
  private readonly progress = new EventEmitter().setMaxListeners(0);
  private readonly types: ReadonlySet<string> | null;

  constructor(
    private readonly readModels: ReadModelDatabase,
    readonly projection: Projection,
    /**
     * A rebuild's worker only: the last position it applies (inclusive; verify rebuilds up to the
     * live checkpoint). Its stored checkpoint stays at 0 while the batches commit, and the rebuild
     * stores the position once it is done, so a pass cut short (a crash, a kill) is a read model
     * still to build, not one half built that would be served and followed on from there.
     */
    private readonly rebuildUntil?: bigint,
  ) {
    this.types = projection.eventTypes ? new Set(projection.eventTypes) : null;
  }

  get position(): bigint {
    return this.checkpoint;
  }

  /** Whether it still takes events: not failed, not stopped, not past `rebuildUntil`. */
  get takesEvents(): boolean {
    if (this.state === 'failed' || this.state === 'stopped') return false;
    return this.rebuildUntil === undefined || this.checkpoint < this.rebuildUntil;
  }

  status(): ProjectionStatus {
    const { name, version } = this.projection;
    return { name, version, state: this.state, position: this.checkpoint, failure: this.failure };
  }

  /** Creates the tables; a stored checkpoint of another version means rebuild from zero. */
  prepare(liveFrom: bigint): void {
    const { name, version, tables } = this.projection;
    let checkpoint = this.readModels.checkpoint(name);
    if (checkpoint && checkpoint.version !== version) {
      this.readModels.reset(tables, name);
      checkpoint = null;
    }
    this.readModels.db.transaction(() => {
      this.projection.setup(this.readModels.connection);
      if (!checkpoint) this.readModels.saveCheckpoint(name, version, 0n);
    })();
    this.checkpoint = checkpoint?.position ?? 0n;
    this.failure = null;
    this.liveFrom = liveFrom;
    this.state = this.checkpoint >= liveFrom ? 'live' : 'catching-up';
    // Checkpoints loaded again after a rebuild may already be where a waiter wants them.
    this.progress.emit('progress');
  }

  /**
   * Applies the events of the batch it has not seen and moves its checkpoint, inside the
   * caller's transaction. Returns the new checkpoint, to be adopted once that commits.
   */
  applyWithin(batch: readonly StoredEvent[]): bigint {
    let last = this.checkpoint;
    const mine: StoredEvent[] = [];
    for (const event of batch) {
      if (event.position <= last) continue;
      if (this.rebuildUntil !== undefined && event.position > this.rebuildUntil) break;
      if (this.reads(event)) mine.push(event);
      last = event.position;
    }
    const { projection } = this;
    if (mine.length > 1 && projection.applyBatch) projection.applyBatch(mine, this.readModels.connection);
    else for (const event of mine) projection.apply(event, this.readModels.connection);
    if (last !== this.checkpoint && this.rebuildUntil === undefined) {
      this.readModels.saveCheckpoint(this.projection.name, this.projection.version, last);
    }
    return last;
  }

  /** After the transaction that applied events up to `position` committed. */
  adopt(position: bigint): void {
    this.checkpoint = position;
    if (this.state === 'catching-up' && position >= this.liveFrom) this.state = 'live';
    this.progress.emit('progress');
  }

  /** The batch in transactions of its own, event by event, to stop at the one that fails. */
  applyAlone(batch: readonly StoredEvent[]): void {
    for (const event of batch) {
      if (!this.takesEvents) return;
      try {
        const position = this.readModels.db.transaction(() => this.applyWithin([event]))();
        this.adopt(position);
      } catch (error) {
        // A damaged file is no fault of the event: recording it as one would blame the event and
        // stop the projection for good; the caller sets the file aside and rebuilds instead.
        if (isSqliteCorruption(error)) throw error;
        this.fail(event, error);
      }
    }
  }

  stop(): void {
    if (this.state !== 'failed') this.state = 'stopped';
    this.progress.emit('progress');
  }

  /** Resolves once the checkpoint reaches `position`, or the projection has failed or stopped. */
  async reached(position: bigint): Promise<void> {
    while (this.checkpoint < position && this.state !== 'failed' && this.state !== 'stopped') {
      await new Promise((resolve) => this.progress.once('progress', resolve));
    }
  }

  private reads(event: StoredEvent): boolean {
    return this.types?.has(event.type) ?? true;
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
