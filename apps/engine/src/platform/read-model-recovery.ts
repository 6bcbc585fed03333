import { EventStore, EventStoreUnavailableError, LiveFanOut, LogReader, withRetries } from '@leadledger/event-store';
import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
import type { Clock } from '@leadledger/kernel';
import { checkConnection, moveDamagedFileAside } from '@leadledger/platform';
import { type Projection, ProjectionRunner, ReadModelDatabase, checkReadModelOrigin } from '@leadledger/projections';
import { ReactorRunner, carryOverReactorCheckpoints, forgetCheckpointsOfAnotherLog } from '@leadledger/workflows';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { reportingDamage } from './damage-reporting-consumer';
import { CLOCK, WORKFLOW_CHECKPOINTS } from './tokens';

/** How long a quick_check that found the read-model file intact is taken as still true. */
const INTACT_VERDICT_MS = 60_000;

/** serving: queries answer; rebuilding: from the log, requests get 503; failed: it could not, see the log. */
export type ReadModelState = 'serving' | 'rebuilding' | 'failed';

export interface ReadModelDamage {
  readonly detectedAt: string;
  readonly error: string;
  /** Where the damaged file was moved. */
  readonly movedTo: string;
}

/**
 * Follows the log with the projections and reactors and keeps the read models answerable. When
 * SQLite reports the read-model file damaged (a query or a projection met it), it stops the
 * followers, moves the file aside, starts them again on an empty file and counts as rebuilding
 * until the projections reach the head of the log as it was then. Read models that start empty
 * on a log with events (deleted, or set aside by the start-up check), and a read model a release
 * changed or added, count as rebuilding too.
 */
@Injectable()
export class ReadModelRecovery {
  private readonly logger = new Logger('ReadModels');
  private current: ReadModelState = 'serving';
  private damage: ReadModelDamage | null = null;
  private rebuilt: Promise<void> = Promise.resolve();
  /** The start's look at the file: settled once it follows the log or has begun a rebuild. */
  private started: Promise<void> = Promise.resolve();
  /** Asked to stop (for good: an engine stops once): a rebuild stops at its next batch, store retries end. */
  private readonly stopping = new AbortController();
  private onFreshFile = false;
  private lastFoundIntact = Number.NEGATIVE_INFINITY;
  private damagedWhileRebuilding = false;

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly reader: LogReader,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly live: LiveFanOut,
    @Inject(WORKFLOW_CHECKPOINTS) private readonly workflowCheckpoints: ReadModelDatabase,
  ) {}

  get state(): ReadModelState {
    return this.current;
  }

  get lastDamage(): ReadModelDamage | null {
    return this.damage;
  }

  /**
   * Resolves once no rebuild is under way: at once when none is. Asked during the start, it
   * first waits for the start to look at the file, so a rebuild the start begins is waited for
   * too (the webhook subscriptions are read from a read model that may not exist yet).
   */
  whenRebuilt(): Promise<void> {
    return this.started.then(() => this.rebuilt);
  }

  /** Starts following the log; returns at once, the catch-up runs in the background. */
  start(): void {
    this.started = this.startFollowing().catch((error: unknown) =>
      this.logger.error(`The log reader did not start: ${String(error)}`),
    );
  }

  /**
   * Read models built from another log (another store, a replaced file) would be read on from
   * positions that mean nothing here: such a file is set aside and rebuilt, as a damaged one is.
   */
  private async startFollowing(): Promise<void> {
    const origin = await this.whileStoreUnavailable(() => checkReadModelOrigin(this.store, this.readModels));
    await this.takeWorkflowPositions(origin.matches);
    if (!origin.matches) {
      this.rebuildInBackground(async () => this.setForeignFileAside(origin.reason));
      return;
    }
    // An empty file, or a read model a release changed or added: built before anything is served from it.
    let unbuilt: Projection[];
    try {
      unbuilt = await this.whileStoreUnavailable(() => this.runner.unbuiltProjections());
    } catch (error) {
      // Resetting a read model of another version met damage in its old pages.
      if (!isSqliteCorruption(error)) throw error;
      return this.reportDamage(error);
    }
    if (unbuilt.length === 0) return this.follow();
    this.rebuildInBackground(null);
    // An empty file (a first start, a deleted file) needs no word; a release that changed some read models does.
    if (unbuilt.length === this.runner.status().length) return;
    this.logger.warn(
      `Building ${unbuilt.map((p) => p.name).join(', ')} from the log; requests answer 503 until it is done.`,
    );
  }

  /**
   * The workflows' positions, in their file of their own: those recorded against another log are
   * forgotten; those a release before kept in the read-model file are taken over from it.
   */
  private async takeWorkflowPositions(readModelsFromThisLog: boolean): Promise<void> {
    const file = this.workflowCheckpoints.file;
    const forgotten = await this.whileStoreUnavailable(() =>
      forgetCheckpointsOfAnotherLog(this.store, this.workflowCheckpoints),
    );
    if (forgotten !== null) {
      this.logger.warn(
        `${file} was ${forgotten}; forgot its positions, and the workflows go over this log from its start ` +
          '(their steps are idempotent).',
      );
    }
    if (!readModelsFromThisLog) return;
    const carried = carryOverReactorCheckpoints(this.readModels, this.workflowCheckpoints);
    if (carried.length > 0) this.logger.log(`Moved the positions of ${carried.join(', ')} to ${file}.`);
  }

  private async setForeignFileAside(reason: string): Promise<void> {
    this.readModels.close();
    const movedTo = moveDamagedFileAside(this.readModels.file, this.clock.now(), 'other-log');
    this.readModels.reopen();
    await checkReadModelOrigin(this.store, this.readModels);
    this.logger.warn(
      `${this.readModels.file} was ${reason}; moved it to ${movedTo} and rebuilding it from this log. ` +
        `Requests answer 503 until it is done.`,
    );
  }

  /**
   * At the start of a shutdown, before the requests in flight are drained: a rebuild under way
   * stops at its next batch instead of going on while the engine waits for them.
   */
  askToStop(): void {
    this.stopping.abort();
  }

  /**
   * Stops a rebuild under way at its next batch (the read models it was building are left
   * unbuilt, for the next start to build again: an orchestrator's stop does not wait for a
   * rebuild of the whole log), then the followers; the databases close after.
   */
  async stop(): Promise<void> {
    this.askToStop();
    // The start may be about to begin a rebuild: it sees the stop, and its rebuild ends at once.
    await this.started;
    await this.rebuilt;
    await this.stopFollowing();
  }

  /** A read-model access met a damaged file: one rebuild, however many requests report it. */
  reportDamage(error: unknown): void {
    if (this.current === 'failed') return;
    if (this.current === 'rebuilding') {
      // Reports from the old file, by work that met it before it was set aside, change nothing.
      if (!this.onFreshFile) return;
      // The fresh file is damaged too: the disk, not the file, is failing. Stop, and say so.
      this.damagedWhileRebuilding = true;
      void this.runner.stop();
      return;
    }
    if (!this.readModelsDamaged(error)) return;
    this.rebuildInBackground(async () => {
      await this.stopFollowing();
      this.setDamagedFileAside(error);
    });
  }

  /**
   * SQLite does not say which file it found damaged: the read models are rebuilt only if their
   * file fails quick_check. A verdict of intact holds a minute, so damage elsewhere (the log, the
   * snapshots) met by every request does not make each one read the whole file again.
   */
  private readModelsDamaged(error: unknown): boolean {
    const now = this.clock.now().getTime();
    if (now - this.lastFoundIntact >= INTACT_VERDICT_MS) {
      const check = checkConnection(this.readModels.db);
      if (check.status === 'damaged') return true;
      this.lastFoundIntact = now;
      this.logger.error(
        `SQLite reported a damaged file (${String(error)}) but ${this.readModels.file} passes quick_check: ` +
          `the events file or the snapshots may be damaged. Stop the engine and run \`leadledger verify\`, which names it.`,
      );
    }
    return false;
  }

  /** With `setAside`, on the fresh file it leaves; without, on the file as it is. */
  private rebuildInBackground(setAside: (() => Promise<void>) | null): void {
    this.current = 'rebuilding';
    this.onFreshFile = false;
    this.damagedWhileRebuilding = false;
    this.rebuilt = this.rebuild(setAside).then(
      (state) => {
        this.current = state;
      },
      (error: unknown) => {
        this.current = 'failed';
        this.logger.error(`Rebuilding the read models failed: ${String(error)}`);
      },
    );
  }

  private async rebuild(setAside: (() => Promise<void>) | null): Promise<ReadModelState> {
    if (setAside) {
      await setAside();
      this.onFreshFile = true;
    }
    const head = await this.buildFromTheLog();
    // Stopped: the read models stay unbuilt, and nothing is served from them until the engine has gone.
    if (this.stopping.signal.aborted) return 'rebuilding';
    if (this.damagedWhileRebuilding) {
      this.logger.error(`${this.readModels.file} was damaged again while it was rebuilt: check the disk.`);
      return 'failed';
    }
    if (head > 0n) this.logger.log(`Read models built from the log up to position ${head}.`);
    return 'serving';
  }

  /**
   * The unbuilt projections (all of them, on a fresh file) in one pass from the first event, as the
   * CLI's rebuild builds them, then every projection followed to the head; returns that head. The
   * reactors follow from their own checkpoints (the log's start, on a fresh file) and go on after
   * the read models serve. Damage met in a file it did not just set aside sends it aside; a fresh
   * file that is damaged too means a failing disk.
   */
  private async buildFromTheLog(): Promise<bigint> {
    const { signal } = this.stopping;
    try {
      await this.whileStoreUnavailable(() => this.runner.buildUnbuilt(signal));
    } catch (error) {
      if (!isSqliteCorruption(error)) throw error;
      if (this.onFreshFile) {
        this.damagedWhileRebuilding = true;
        return 0n;
      }
      if (!this.readModelsDamaged(error)) throw error;
      this.setDamagedFileAside(error);
      this.onFreshFile = true;
      return this.buildFromTheLog();
    }
    if (signal.aborted) return 0n;
    await this.follow();
    const head = await this.whileStoreUnavailable(() => this.store.headPosition());
    await this.whileStoreUnavailable(() => this.runner.reached(head));
    return head;
  }

  /** A rebuild outlives a store outage: the log reader resubscribes, and the rebuild waits for it. */
  private whileStoreUnavailable<T>(attempt: () => Promise<T>): Promise<T> {
    return withRetries(attempt, {
      retryOn: (error) => error instanceof EventStoreUnavailableError,
      // A stop does not wait for the store to come back.
      signal: this.stopping.signal,
    });
  }

  private setDamagedFileAside(error: unknown): void {
    this.readModels.close();
    const movedTo = moveDamagedFileAside(this.readModels.file, this.clock.now());
    this.readModels.reopen();
    const message = String((error as { message?: unknown }).message ?? error);
    this.damage = { detectedAt: this.clock.now().toISOString(), error: message, movedTo };
    this.logger.error(
      `${this.readModels.file} is damaged (${message}); moved it to ${movedTo} and rebuilding it from ` +
        `the log: it holds only derived data. Requests answer 503 until it is done.`,
    );
  }

  private async follow(): Promise<void> {
    // Workflows resume from their checkpoints: an intake a crash interrupted completes now.
    this.reactors.prepare();
    await this.runner.reloadCheckpoints();
    const report = (error: unknown) => this.reportDamage(error);
    this.reader.start([reportingDamage(this.runner, report), reportingDamage(this.reactors, report), this.live]);
  }

  private async stopFollowing(): Promise<void> {
    await this.reader.stop();
    // Stopping stores the reactors' positions; one their file refuses is reported, not thrown.
    await this.reactors.stop();
    await this.runner.stop();
  }
}
