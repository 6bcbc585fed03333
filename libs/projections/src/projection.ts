import type { StoredEvent } from '@leadledger/event-store';
import type Database from 'better-sqlite3';

/**
 * A read model: a named, versioned, pure function of the log. `apply` runs inside the
 * transaction that also moves the checkpoint; it may read and write only its own tables
 * and take time only from the event (never the wall clock or mutable configuration).
 * Change `version` whenever the tables or the meaning of `apply` change: the runner then
 * rebuilds the projection from zero.
 */
export interface Projection {
  readonly name: string;
  readonly version: string;
  /** Tables this projection owns: dropped on rebuild, compared by verify. */
  readonly tables: readonly string[];
  /** The event types `apply` is given; events of other types only move the checkpoint. Absent: every event. */
  readonly eventTypes?: readonly string[];
  /** Creates the tables (idempotent). */
  setup(db: ReadModelConnection): void;
  /** Statements prepared here are kept by the connection: prepare freely, per event. */
  apply(event: StoredEvent, db: ReadModelConnection): void;
  /**
   * Optional: several events (of its types, in order) at once, with exactly the effect of
   * `apply` on each in turn. It may hold rows in memory for the call, writing each once
   * (a lead's seven intake events, one board row), never across calls: the call runs inside
   * the batch's transaction, which may be rolled back and retried event by event.
   */
  applyBatch?(events: readonly StoredEvent[], db: ReadModelConnection): void;
}

/**
 * The part of a read-model connection that area projections use, so domain libraries
 * need no database driver import of their own.
 */
export type ReadModelConnection = Pick<Database.Database, 'prepare' | 'exec' | 'transaction'>;
