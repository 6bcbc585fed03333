import {
  type EventStore,
  type LogConsumer,
  type LogInterruption,
  LogReader,
  ReaderOutage,
  type ReaderOutageOptions,
  type StoredEvent,
} from '@leadledger/event-store';
import type { ProjectionFailure } from '@leadledger/projections';
import { ReactorLane, type ReactorLaneOptions } from './reactor-lane';
import type { ReactorCheckpoints } from './workflow-checkpoints';

/** Reacts to events of some types by running commands; must be idempotent per event. */
export interface Reactor {
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: StoredEvent): Promise<void>;
}

export interface ReactorStatus {
  readonly name: string;
  readonly state: 'idle' | 'running' | 'failed' | 'stopped';
  readonly position: bigint;
  readonly failure: ProjectionFailure | null;
}

/** How long `reached()` waits for a log reader that is down (see ReaderOutage), and who hears of a lane's failed writes. */
export interface ReactorRunnerOptions
  extends ReaderOutageOptions, Pick<ReactorLaneOptions, 'onCheckpointWriteFailure'> {}

/** Events a lane may have waiting before the log reader waits for it. */
const MAX_BACKLOG = 1000;

/**
 * Runs each reactor over the global log from its stored checkpoint (in the engine, a file of
 * their own beside the read models: workflow-checkpoints.ts), moving the checkpoint only after the reaction completed. A
 * crash in between means the event is handled again on restart, which idempotent steps
 * make harmless: at-least-once delivery, exactly-once effect. In the engine it is one
 * consumer of the process's LogReader; `start()` gives it a reader of its own.
 */
export class ReactorRunner implements LogConsumer {
  private readonly lanes: ReactorLane[];
  private ownReader: LogReader | null = null;
  private readonly outage: ReaderOutage;

  constructor(
    private readonly store: EventStore,
    checkpoints: ReactorCheckpoints,
    reactors: readonly Reactor[],
    options: ReactorRunnerOptions = {},
  ) {
    const { onCheckpointWriteFailure, ...outage } = options;
    this.lanes = reactors.map((reactor) => new ReactorLane(reactor, checkpoints, { onCheckpointWriteFailure }));
    this.outage = new ReaderOutage(outage);
  }

  readerInterrupted(interruption: LogInterruption | null): void {
    if (interruption) this.outage.interrupted(interruption);
    else this.outage.resumed();
  }

  /** Loads the checkpoints; the log reader starts after this. */
  prepare(): void {
    for (const lane of this.lanes) lane.prepare();
  }

  /** Prepares, then follows the log with a reader of its own. */
  start(): void {
    this.prepare();
    this.ownReader = new LogReader(this.store);
    this.ownReader.start([this]);
  }

  get position(): bigint | null {
    const running = this.lanes.filter((lane) => lane.running);
    if (running.length === 0) return null;
    return running.reduce((low, lane) => (lane.position < low ? lane.position : low), running[0].position);
  }

  async handle(batch: readonly StoredEvent[]): Promise<void> {
    for (const lane of this.lanes) lane.take(batch);
    for (const lane of this.lanes) if (lane.backlog > MAX_BACKLOG) await lane.idle();
  }

  /**
   * Resolves once every running reactor has handled the log up to `position`; rejects with
   * LogReaderDownError once the log has not been read for longer than the wait bound.
   */
  async reached(position: bigint): Promise<void> {
    if (this.lanes.every((lane) => !lane.running || lane.position >= position)) return;
    await this.outage.within(this.lanesReached(position));
  }

  private async lanesReached(position: bigint): Promise<void> {
    for (const lane of this.lanes) {
      while (lane.running && lane.position < position) {
        await new Promise((resolve) => lane.progress.once('progress', resolve));
      }
    }
  }

  status(): ReactorStatus[] {
    return this.lanes.map((lane) => lane.status());
  }

  async stop(): Promise<void> {
    await this.ownReader?.stop();
    for (const lane of this.lanes) lane.stop();
    await Promise.all(this.lanes.map((lane) => lane.idle()));
  }
}
