import type { SnapshotJson } from '@leadledger/kernel';

/** One stream's folded state as of one of its events, written by its decider's snapshot codec. */
export interface StreamSnapshot {
  readonly streamId: string;
  /** The codec's version: a snapshot of another version is ignored. */
  readonly deciderVersion: string;
  /** The revision of the last event folded into `state`. */
  readonly revision: bigint;
  /** That event's id: a snapshot of a log that was since replaced finds another event there and is ignored. */
  readonly eventId: string;
  readonly state: SnapshotJson;
}

/**
 * Where folded states are kept between runs, so a cold start folds only the events after the
 * latest snapshot. Snapshots are derived data, local to one engine: losing them costs a fold
 * from the start, never a wrong state. Synchronous, as the embedded stores are.
 */
export abstract class SnapshotStore {
  /** The latest snapshot saved for the stream, or null. */
  abstract load(streamId: string): StreamSnapshot | null;

  /** Replaces the stream's snapshot. */
  abstract save(snapshot: StreamSnapshot): void;
}
