import {
  EventStoreUnavailableError,
  type RetryBackoff,
  type Sleep,
  type StoredEvent,
  WrongExpectedRevisionError,
  jitteredBackoff,
  timerSleep,
  withRetries,
} from '@leadledger/event-store';
import type { ProjectionFailure } from '@leadledger/projections';
import { EventEmitter } from 'node:events';
import type { Reactor, ReactorStatus } from './reactor-runner';
import { REACTOR_CHECKPOINT_PREFIX, type ReactorCheckpoints } from './workflow-checkpoints';

const CHECKPOINT_VERSION = '1';
/**
 * How far a lane may move past events of other types before it stores its position. A
 * restart re-reads at most that many events (its reactions are idempotent); storing the
 * position after every batch was a write per lane per append.
 */
const STORE_AFTER_SKIPPING = 1000n;
/**
 * How many reactions a lane with events still waiting makes before it stores its position (it
 * stores it too whenever its queue empties). A restart handles at most that many again, each
 * idempotent; storing after every reaction was a read-model write per lead.
 */
const STORE_AFTER_REACTIONS = 100;

/** Attempts at one event that meets only passing trouble, before the lane fails on it. */
const ATTEMPTS_PER_EVENT = 8;

/**
 * Trouble that another attempt may not meet: a race lost more times than the command retries
 * (another engine on the same store runs the same reactor), the store out of reach, SQLite's
 * write lock held past its busy timeout. Anything else is the event's or the code's fault.
 */
export function isPassingTrouble(error: unknown): boolean {
  return (
    error instanceof WrongExpectedRevisionError ||
    error instanceof EventStoreUnavailableError ||
    (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY'
  );
}

export interface ReactorLaneOptions {
  /** Between attempts at an event that met passing trouble; jittered, so engines sharing a store spread out. */
  readonly backoff?: RetryBackoff;
  readonly sleep?: Sleep;
  /** Told when the lane could not write its position or its failure (a full disk, a damaged file). */
  readonly onCheckpointWriteFailure?: (reactor: string, error: unknown) => void;
}

/**
 * One reactor's queue and checkpoint. The log reader hands it every batch; it keeps the
 * events of its types and handles them one by one, in order, without holding the reader up
 * (projections stay current while a reaction runs). Its position moves to the end of every
 * batch it was given, not only to its last matching event, and is stored whenever its queue
 * empties, every hundred reactions and every thousand events passed over, so a restart handles
 * little again and re-reads little of what it passed over.
 */
export class ReactorLane {
  private state: ReactorStatus['state'] = 'idle';
  private checkpoint = 0n;
  /** The position last written to the checkpoint table. */
  private stored = 0n;
  private reactionsSinceStored = 0;
  private failure: ProjectionFailure | null = null;
  private readonly queue: StoredEvent[] = [];
  /** The end of the last batch given to it: where the position goes once the queue is empty. */
  private seen = 0n;
  /** Set and cleared inside `drain` itself, never by a callback on its promise, which runs a turn later. */
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private readonly types: ReadonlySet<string>;
  private readonly backoff: RetryBackoff;
  private readonly sleep: Sleep;
  private readonly onCheckpointWriteFailure: (reactor: string, error: unknown) => void;
  /** Cuts a wait between attempts short when the lane stops. */
  private stopping = new AbortController();
  readonly progress = new EventEmitter().setMaxListeners(0);

  constructor(
    readonly reactor: Reactor,
    private readonly checkpoints: ReactorCheckpoints,
    options: ReactorLaneOptions = {},
  ) {
    this.types = new Set(reactor.eventTypes);
    this.backoff = options.backoff ?? jitteredBackoff({ initialMs: 50, maxMs: 5_000 });
    this.sleep = options.sleep ?? timerSleep;
    this.onCheckpointWriteFailure = options.onCheckpointWriteFailure ?? (() => undefined);
  }

  private get key(): string {
    return `${REACTOR_CHECKPOINT_PREFIX}${this.reactor.name}`;
  }

  /** Loads the stored checkpoint (creating it at the start of the log the first time). */
  prepare(): void {
    const stored = this.checkpoints.checkpoint(this.key);
    if (!stored) this.checkpoints.saveCheckpoint(this.key, CHECKPOINT_VERSION, 0n);
    this.checkpoint = stored?.position ?? 0n;
    this.stored = this.checkpoint;
    this.seen = this.checkpoint;
    this.state = 'running';
    this.stopping = new AbortController();
  }

  get running(): boolean {
    return this.state === 'running';
  }

  get position(): bigint {
    return this.checkpoint;
  }

  /** Events not yet handled, for backpressure. */
  get backlog(): number {
    return this.queue.length;
  }

  status(): ReactorStatus {
    return { name: this.reactor.name, state: this.state, position: this.checkpoint, failure: this.failure };
  }

  take(batch: readonly StoredEvent[]): void {
    if (!this.running) return;
    for (const event of batch) {
      if (event.position > this.seen && this.types.has(event.type)) this.queue.push(event);
    }
    const last = batch[batch.length - 1].position;
    if (last > this.seen) this.seen = last;
    if (!this.draining) this.drained = this.drain();
  }

  /** Resolves when the lane is idle (everything given to it handled), failed or stopped. */
  async idle(): Promise<void> {
    while (this.draining) await this.drained;
  }

  stop(): void {
    if (this.state === 'running') this.state = 'stopped';
    this.stopping.abort();
    if (this.state !== 'failed' && this.checkpoint > this.stored) this.store();
    this.progress.emit('progress');
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.running) {
        const event = this.queue[0];
        if (!event) {
          if (this.seen > this.checkpoint) this.moveTo(this.seen, this.seen - this.stored >= STORE_AFTER_SKIPPING);
          return;
        }
        try {
          await this.handleWithRetries(event);
        } catch (error) {
          if (this.running) this.fail(event, error);
          return;
        }
        if (!this.running) return;
        this.queue.shift();
        this.reactionsSinceStored++;
        this.moveTo(event.position, this.queue.length === 0 || this.reactionsSinceStored >= STORE_AFTER_REACTIONS);
      }
    } finally {
      // In the same turn as the last look at the queue: an event taken after it starts a new drain.
      this.draining = false;
    }
  }

  /**
   * Handles the event, again after a jittered pause while it meets only passing trouble (each
   * reaction is idempotent, so an attempt that half-happened is finished by the next). Stops
   * trying when the lane stops: the event is handled again from the checkpoint on restart.
   */
  private handleWithRetries(event: StoredEvent): Promise<void> {
    return withRetries(() => this.reactor.handle(event), {
      retryOn: isPassingTrouble,
      maxAttempts: ATTEMPTS_PER_EVENT,
      backoff: this.backoff,
      sleep: this.sleep,
      signal: this.stopping.signal,
    });
  }

  private moveTo(position: bigint, store: boolean): void {
    this.checkpoint = position;
    if (store) this.store();
    this.progress.emit('progress');
  }

  /**
   * A position that could not be written is only handled again after a restart (reactions are
   * idempotent): the lane goes on, and its next store tries again. Thrown from here it would
   * reject a drain nobody awaits, which ends the process.
   */
  private store(): void {
    try {
      this.checkpoints.saveCheckpoint(this.key, CHECKPOINT_VERSION, this.checkpoint);
    } catch (error) {
      this.onCheckpointWriteFailure(this.reactor.name, error);
      return;
    }
    this.stored = this.checkpoint;
    this.reactionsSinceStored = 0;
  }

  private fail(event: StoredEvent, error: unknown): void {
    this.failure = { eventId: event.id, position: event.position, error: String(error) };
    try {
      this.checkpoints.recordFailure(this.key, this.failure);
    } catch (writeError) {
      // Shown by status() all the same; after a restart the lane meets the event again.
      this.onCheckpointWriteFailure(this.reactor.name, writeError);
    }
    this.state = 'failed';
    this.queue.length = 0;
    this.progress.emit('progress');
  }
}
