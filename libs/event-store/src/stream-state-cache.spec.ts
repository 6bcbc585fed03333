import type { Decider, DomainEvent } from '@leadledger/kernel';
import { SnapshotStore, type StreamSnapshot } from './snapshot-store';
import { type FoldedState, SNAPSHOT_SHARE_OF_STREAM, StreamStateCache } from './stream-state-cache';

type Tally = { readonly count: number };
const counter: Pick<Decider<unknown, Tally, DomainEvent>, 'initialState' | 'evolve' | 'snapshot'> = {
  initialState: { count: 0 },
  evolve: (state) => ({ count: state.count + 1 }),
  snapshot: { version: 'tally/1', toJson: (state) => state, fromJson: (json) => json as Tally },
};
const at = (revision: number, eventsSinceSnapshot = 1): FoldedState<Tally> => ({
  state: { count: revision + 1 },
  revision: BigInt(revision),
  eventId: `event-${revision}`,
  eventsSinceSnapshot,
});

/** Snapshots in a Map: the cache's own bookkeeping is what these tests look at. */
class SnapshotsInMemory extends SnapshotStore {
  readonly saved = new Map<string, StreamSnapshot>();
  load = (streamId: string) => this.saved.get(streamId) ?? null;
  save = (snapshot: StreamSnapshot) => void this.saved.set(snapshot.streamId, snapshot);
}

describe('stream state cache', () => {
  it('forgets the least recently used stream beyond its bound', () => {
    const cache = new StreamStateCache(2);
    cache.put('a', counter, at(0));
    cache.put('b', counter, at(0));
    cache.get('a', counter); // a is now more recent than b
    cache.put('c', counter, at(0));
    expect(cache.size).toBe(2);
    expect(cache.get('b', counter)).toBeUndefined();
    expect(cache.get('a', counter)?.state).toEqual({ count: 1 });
    expect(cache.get('c', counter)?.state).toEqual({ count: 1 });
  });

  it('misses for another fold of the same stream', () => {
    const cache = new StreamStateCache();
    cache.put('a', counter, at(3));
    expect(cache.get('a', { ...counter, evolve: (state: Tally) => state })).toBeUndefined();
    expect(cache.get('a', { ...counter, snapshot: undefined })?.revision).toBe(3n);
  });

  it('keeps the later state when a slower reader remembers an earlier one', () => {
    const cache = new StreamStateCache();
    cache.put('a', counter, at(5));
    cache.put('a', counter, at(4));
    expect(cache.get('a', counter)?.revision).toBe(5n);
  });

  describe('with snapshots', () => {
    it('saves one once `every` events were folded since the last, and counts again from there', () => {
      const cache = new StreamStateCache();
      const snapshots = new SnapshotsInMemory();
      cache.useSnapshots(snapshots, { every: 3 });
      cache.put('a', counter, at(1, 2));
      expect(snapshots.saved.size).toBe(0);
      cache.put('a', counter, at(2, 3));
      expect(snapshots.saved.get('a')).toEqual({
        streamId: 'a',
        deciderVersion: 'tally/1',
        revision: 2n,
        eventId: 'event-2',
        state: { count: 3 },
      });
      expect(cache.get('a', counter)?.eventsSinceSnapshot).toBe(0);
    });

    it('on a long stream, waits for a tenth of the stream, so saving does not cost more as it grows', () => {
      const cache = new StreamStateCache();
      const snapshots = new SnapshotsInMemory();
      cache.useSnapshots(snapshots, { every: 3 });
      const length = 100 * SNAPSHOT_SHARE_OF_STREAM;
      const tenth = length / SNAPSHOT_SHARE_OF_STREAM;
      cache.put('a', counter, at(length - 1, tenth - 1));
      expect(snapshots.saved.size).toBe(0);
      cache.put('a', counter, at(length, tenth));
      expect(snapshots.saved.get('a')?.revision).toBe(BigInt(length));
    });

    it('saves none for a fold without a codec', () => {
      const cache = new StreamStateCache();
      const snapshots = new SnapshotsInMemory();
      cache.useSnapshots(snapshots, { every: 1 });
      cache.put('a', { ...counter, snapshot: undefined }, at(9, 10));
      expect(snapshots.saved.size).toBe(0);
    });

    it('reads only a snapshot of the codec version', () => {
      const cache = new StreamStateCache();
      const snapshots = new SnapshotsInMemory();
      cache.useSnapshots(snapshots);
      snapshots.save({ streamId: 'a', deciderVersion: 'tally/0', revision: 7n, eventId: 'event-7', state: {} });
      expect(cache.snapshotOf('a', counter)).toBeUndefined();
      snapshots.save({
        streamId: 'a',
        deciderVersion: 'tally/1',
        revision: 7n,
        eventId: 'event-7',
        state: { count: 8 },
      });
      expect(cache.snapshotOf('a', counter)).toEqual(at(7, 0));
    });

    it('reports a snapshot that cannot be saved, and carries on', () => {
      const cache = new StreamStateCache();
      const errors: string[] = [];
      const failing = new SnapshotsInMemory();
      failing.save = () => {
        throw new Error('disk full');
      };
      cache.useSnapshots(failing, { every: 1, onError: (error, streamId) => errors.push(`${streamId}: ${error}`) });
      cache.put('a', counter, at(0));
      expect(errors).toEqual(['a: Error: disk full']);
      expect(cache.get('a', counter)?.revision).toBe(0n);
    });
  });
});
