import type { Decider, DomainEvent } from '@leadledger/kernel';
import { LRUCache } from 'lru-cache';
import type { SnapshotStore } from './snapshot-store';

/**
 * What makes a stream's state: a starting state and an evolve function. Two deciders that share
 * both (a request decider wrapping the pool's) fold to the same states and share a cache entry.
 */
export type StreamFold<State, Event extends DomainEvent = DomainEvent> = Pick<
  Decider<unknown, State, Event>,
  'initialState' | 'evolve' | 'snapshot'
>;

/** A stream's state after the event at `revision`, whose id is `eventId`. */
export interface FoldedState<State> {
  readonly state: State;
  readonly revision: bigint;
  readonly eventId: string;
  /** Events folded since the last snapshot was saved (or since the start when none was). */
  readonly eventsSinceSnapshot: number;
}

interface Entry extends FoldedState<unknown> {
  readonly initialState: unknown;
  readonly evolve: unknown;
}

export interface SnapshotOptions {
  /** Save a stream's snapshot once this many of its events were folded since the last one. */
  readonly every?: number;
  /** Snapshots are derived data: a failure to read or write one is reported here, never thrown. */
  readonly onError?: (error: unknown, streamId: string) => void;
}

export const DEFAULT_CACHED_STREAMS = 10_000;
export const DEFAULT_SNAPSHOT_EVERY = 500;
/** A long stream is snapshotted once a 1/this share of it was folded since the last snapshot. */
export const SNAPSHOT_SHARE_OF_STREAM = 10;

function requireCount(name: string, value: number): number {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new RangeError(`${name} must be a whole number, at least 1`);
}

const warn = (error: unknown, streamId: string): void =>
  process.emitWarning(`Snapshot of ${streamId} skipped: ${error instanceof Error ? error.message : String(error)}`);

/**
 * Each stream's last folded state, so a command folds only the events appended since. Bounded:
 * the least recently used stream is forgotten beyond `maxEntries`. The cache only saves reading;
 * the reader still reads the stream's tail from the store, and the append still expects the
 * revision, so a state another process made stale costs a retried conflict, never a wrong decision.
 */
export class StreamStateCache {
  // A Map kept in recency order by delete-and-set is not enough: evicting its first key walks
  // past every deleted slot V8 has not yet compacted, about 11 µs a put once the cache is full.
  private readonly entries: LRUCache<string, Entry>;
  private snapshots: (Required<SnapshotOptions> & { readonly store: SnapshotStore }) | null = null;
  /** Streams being loaded without a cached state: a second caller waits for the first. */
  private readonly coldLoads = new Map<string, Promise<unknown>>();

  constructor(readonly maxEntries = DEFAULT_CACHED_STREAMS) {
    this.entries = new LRUCache({ max: requireCount('maxEntries', maxEntries) });
  }

  /** Keeps snapshots of the streams whose decider has a snapshot codec, for a cold start. */
  useSnapshots(store: SnapshotStore, options: SnapshotOptions = {}): void {
    const every = requireCount('every', options.every ?? DEFAULT_SNAPSHOT_EVERY);
    this.snapshots = { store, every, onError: options.onError ?? warn };
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stream's state as this fold made it, if remembered; a hit becomes the most recently used. */
  get<State>(streamId: string, fold: StreamFold<State, never>): FoldedState<State> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.evolve !== fold.evolve || entry.initialState !== fold.initialState) return undefined;
    return entry as FoldedState<State>;
  }

  /** The stream's latest snapshot decoded by the fold's codec, when one of the codec's version exists. */
  snapshotOf<State>(streamId: string, fold: StreamFold<State, never>): FoldedState<State> | undefined {
    const codec = fold.snapshot;
    if (!this.snapshots || !codec) return undefined;
    try {
      const snapshot = this.snapshots.store.load(streamId);
      if (!snapshot || snapshot.deciderVersion !== codec.version) return undefined;
      const { revision, eventId } = snapshot;
      return { state: codec.fromJson(snapshot.state), revision, eventId, eventsSinceSnapshot: 0 };
    } catch (error) {
      this.snapshots.onError(error, streamId);
      return undefined;
    }
  }

  /**
   * Remembers the stream's state, unless a later one of the same fold is already remembered (a
   * slower reader finishing after a writer), and saves a snapshot when one is due.
   */
  put<State>(streamId: string, fold: StreamFold<State, never>, folded: FoldedState<State>): void {
    const current = this.get(streamId, fold);
    if (current && current.revision > folded.revision) return;
    const due = this.snapshotDue(fold, folded);
    const saved = due ? this.save(streamId, fold, folded) : folded;
    this.entries.set(streamId, { ...saved, initialState: fold.initialState, evolve: fold.evolve });
  }

  /** The load of the stream without a cached state now under way, if any. */
  coldLoadOf(streamId: string): Promise<unknown> | undefined {
    return this.coldLoads.get(streamId);
  }

  /** Runs `load` as the stream's cold load, seen by `coldLoadOf` until it settles. */
  async loadCold<T>(streamId: string, load: () => Promise<T>): Promise<T> {
    const loading = load();
    this.coldLoads.set(streamId, loading);
    try {
      return await loading;
    } finally {
      if (this.coldLoads.get(streamId) === loading) this.coldLoads.delete(streamId);
    }
  }

  /** Forgets the stream: the next read folds it from a snapshot or its start. */
  forget(streamId: string): void {
    this.entries.delete(streamId);
  }

  /**
   * Due after `every` events, or after a tenth of the stream on a long one: a state that grows
   * with its stream (a pool remembers every lead it routed) costs its size to save, so saving it
   * every `every` events would make each event dearer as the stream ages. A cold start folds at
   * most a tenth of the stream on top of its snapshot.
   */
  private snapshotDue<State>(fold: StreamFold<State, never>, folded: FoldedState<State>): boolean {
    if (this.snapshots === null || fold.snapshot === undefined) return false;
    const streamLength = Number(folded.revision) + 1;
    return (
      folded.eventsSinceSnapshot >= Math.max(this.snapshots.every, Math.floor(streamLength / SNAPSHOT_SHARE_OF_STREAM))
    );
  }

  /** Saves a snapshot; a failed save is reported, and retried only after another `every` events. */
  private save<State>(
    streamId: string,
    fold: StreamFold<State, never>,
    folded: FoldedState<State>,
  ): FoldedState<State> {
    const { store, onError } = this.snapshots!;
    const codec = fold.snapshot!;
    try {
      const { revision, eventId } = folded;
      store.save({ streamId, deciderVersion: codec.version, revision, eventId, state: codec.toJson(folded.state) });
    } catch (error) {
      onError(error, streamId);
    }
    return { ...folded, eventsSinceSnapshot: 0 };
  }
}
