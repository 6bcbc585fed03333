import {
  type EventStore,
  type LogConsumer,
  type LogInterruption,
  LogReader,
  ReaderOutage,
  type RetryBackoff,
  type Sleep,
  type StoredEvent,
  jitteredBackoff,
  timerSleep,
  withRetries,
} from '@leadledger/event-store';
import type { Projection } from './projection';
import { applyToProjections } from './projection-batch';
import { ProjectionWorker, type ProjectionStatus } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';
import { LEAN_REBUILD, rebuildProjections } from './rebuild';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** Between attempts to read the head of the log at start, while the store fails. */
  readonly backoff?: RetryBackoff;
  readonly sleep?: Sleep;
  /** How long `reached()` waits for a log reader that is down before it answers with the error. */
  readonly waitBoundMs?: number;
}

/**
 * Keeps every projection up to date from the global log. Each has its own checkpoint, so one
 * that fails stops alone while the others, and the engine, keep going. In the engine it is
 * one consumer of the process's LogReader (with the reactors); `start()` gives it a reader
 * of its own, for tools and tests.
 */
export class ProjectionRunner implements LogConsumer {
  private readonly workers: ProjectionWorker[];
  private prepared: Promise<void> | null = null;
  private isPrepared = false;
  private stopping = new AbortController();
  private ownReader: LogReader | null = null;
  private readonly outage: ReaderOutage;
  private readonly backoff: RetryBackoff;
  private readonly sleep: Sleep;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.workers = projections.map((p) => new ProjectionWorker(readModels, p));
    this.sleep = options.sleep ?? timerSleep;
    this.backoff = options.backoff ?? jitteredBackoff();
    this.outage = new ReaderOutage({ boundMs: options.waitBoundMs, sleep: this.sleep });
  }

  /**
   * Creates the tables and loads the checkpoints; the log reader starts after this. The head of
   * the log is asked again, with backoff, while the store fails: a start during an outage waits
   * it out instead of leaving every later `reached()` rejected until a restart.
   */
  prepare(): Promise<void> {
    if (!this.prepared) {
      const stop = (this.stopping = new AbortController()).signal;
      const attempt = this.headOnceReachable(stop).then((head) => {
        for (const worker of this.workers) worker.prepare(head);
        this.isPrepared = true;
      });
      this.prepared = attempt;
      // A stop during the retries leaves the next prepare() to try afresh.
      attempt.catch(() => {
        if (this.prepared === attempt) this.prepared = null;
      });
    }
    return this.prepared;
  }

  private headOnceReachable(stop: AbortSignal): Promise<bigint> {
    return withRetries(
      async (attempts) => {
        const head = await this.store.headPosition();
        if (attempts > 1) this.outage.resumed();
        return head;
      },
      {
        backoff: this.backoff,
        sleep: this.sleep,
        signal: stop,
        onRetry: (error, attempts) => this.outage.interrupted({ error, final: false, attempts }),
      },
    );
  }

  /** Why the log is not being read (start-up or live), while it is not. */
  get readerInterruption(): LogInterruption | null {
    return this.outage.interruption;
  }

  readerInterrupted(interruption: LogInterruption | null): void {
    if (interruption) this.outage.interrupted(interruption);
    else this.outage.resumed();
  }

  /**
   * Loads the checkpoints again, after the read-model file was replaced (a damaged one moved
   * aside): on an empty file every projection starts again from the first event.
   */
  reloadCheckpoints(): Promise<void> {
    this.prepared = null;
    this.isPrepared = false;
    return this.prepare();
  }

  /**
   * The projections that have applied nothing on a log that has events: on an empty file, one a
   * release added, or one of another version (which `prepare` has just reset).
   */
  async unbuiltProjections(): Promise<Projection[]> {
    await this.prepare();
    if ((await this.store.headPosition()) === 0n) return [];
    return this.workers.filter((w) => w.position === 0n).map((w) => w.projection);
  }

  /**
   * Builds the unbuilt projections (every one, on a fresh file) from the first event to the head
   * in one pass, as `leadledger rebuild` does (batches of 2,000 events, the engine's page cache,
   * one sync at the end): fewer, larger commits than the reader's batches of 500, and no reactor
   * in between (docs/benchmarks.md). Following the log resumes from the checkpoints it leaves.
   * Stopped by `signal`, it leaves them unbuilt (position 0) for the next start.
   */
  async buildUnbuilt(signal?: AbortSignal): Promise<void> {
    // The file may have been replaced since the last look (a damaged one set aside).
    await this.reloadCheckpoints();
    const unbuilt = await this.unbuiltProjections();
    if (unbuilt.length > 0) {
      await rebuildProjections(this.store, this.readModels, unbuilt, undefined, LEAN_REBUILD, signal);
    }
    await this.reloadCheckpoints();
  }

  /** Prepares, then follows the log with a reader of its own. */
  async start(): Promise<void> {
    await this.prepare();
    const { batchSize, backoff, sleep } = this.options;
    this.ownReader = new LogReader(this.store, { batchSize, backoff, sleep });
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

  /**
   * Resolves when every projection that has not failed has applied the log up to `position`.
   * While the log is not being read it waits a bounded time for reading to resume, then
   * rejects with LogReaderDownError rather than hang or answer from a stale read model.
   */
  async reached(position: bigint): Promise<void> {
    if (!this.isPrepared) await this.outage.within(this.prepare());
    if (this.workers.every((w) => !w.takesEvents || w.position >= position)) return;
    this.store.hurryLiveReads();
    await this.outage.within(Promise.all(this.workers.map((w) => w.reached(position))));
  }

  /** Stops following; checkpoints are already stored with every committed batch. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.ownReader?.stop();
    for (const worker of this.workers) worker.stop();
  }
}
