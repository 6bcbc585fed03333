import { EventStoreUnavailableError } from '@leadledger/event-store';
import type Database from 'better-sqlite3';

/** Requests per transaction: bounds how long one commit holds the write lock. */
export const MAX_GROUP_COMMIT_SIZE = 1000;

interface Waiting<TRequest, TResult> {
  readonly request: TRequest;
  readonly resolve: (result: TResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome<TResult> =
  { readonly ok: true; readonly result: TResult } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions<TRequest, TResult> {
  readonly db: Database.Database;
  /** Writes one request inside the shared transaction; what it throws undoes that request alone. */
  readonly write: (request: TRequest) => TResult;
  /** Called once after each commit that wrote at least one request. */
  readonly onCommit?: () => void;
  readonly maxBatchSize?: number;
}

/**
 * One writer for a SQLite connection that commits every request waiting for it in one
 * transaction, so concurrent callers share one fsync (synchronous=FULL stays on: a
 * caller is only told its result once the commit that holds it has returned).
 *
 * The first request into an idle writer schedules a flush for the next turn of the event
 * loop; every request made before then joins it. Each request runs in its own savepoint,
 * in arrival order, so a refused or failing request is rolled back alone and later
 * requests to the same stream see the earlier ones. If the transaction itself fails
 * (lock not granted, disk full, commit failed), nothing is written and every caller in
 * the batch gets that error.
 */
export class GroupCommit<TRequest, TResult> {
  private readonly db: Database.Database;
  private readonly onCommit: () => void;
  private readonly maxBatchSize: number;
  private readonly writeInSavepoint: (request: TRequest) => TResult;
  private readonly writeBatch: (batch: readonly Waiting<TRequest, TResult>[]) => Outcome<TResult>[];
  private queue: Waiting<TRequest, TResult>[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(options: GroupCommitOptions<TRequest, TResult>) {
    this.db = options.db;
    this.onCommit = options.onCommit ?? (() => undefined);
    this.maxBatchSize = options.maxBatchSize ?? MAX_GROUP_COMMIT_SIZE;
    // better-sqlite3 runs a transaction function called inside another as a SAVEPOINT,
    // rolling back to it when the function throws.
    this.writeInSavepoint = this.db.transaction(options.write);
    // IMMEDIATE takes the write lock before any revision is read, so no other process
    // can append between a request's check and its insert.
    this.writeBatch = this.db.transaction((batch: readonly Waiting<TRequest, TResult>[]) =>
      batch.map((waiting) => this.writeOne(waiting.request)),
    ).immediate;
  }

  /** Queues a request; settles once the transaction holding it has committed or failed. */
  submit(request: TRequest): Promise<TResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The SQLite event store is closed'));
    return new Promise<TResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flushScheduled());
    });
  }

  /** Refuses new requests and commits those already queued, so none is dropped. */
  close(): void {
    this.closed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) this.commitNext();
  }

  private flushScheduled(): void {
    this.scheduled = undefined;
    this.commitNext();
    // What is left beyond the batch bound goes in the next turn, together with newcomers.
    if (this.queue.length > 0) this.scheduled = setImmediate(() => this.flushScheduled());
  }

  private commitNext(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    let outcomes: Outcome<TResult>[];
    try {
      outcomes = this.writeBatch(batch);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) waiting.resolve(outcome.result);
      else waiting.reject(outcome.error);
    });
    if (outcomes.some((outcome) => outcome.ok)) this.onCommit();
  }

  private writeOne(request: TRequest): Outcome<TResult> {
    try {
      return { ok: true, result: this.writeInSavepoint(request) };
    } catch (error) {
      // Some SQLite errors (disk full, I/O) roll back the whole transaction: then no
      // request of the batch can be kept, so fail them all.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
