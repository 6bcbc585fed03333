import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';

describe('SQLite snapshot store', () => {
  const dir = tempDirectory('leadledger-snapshots');
  afterAll(() => dir.remove());
  const snapshot = (revision: bigint, state: object) => ({
    streamId: 'pool-1',
    deciderVersion: 'pool-state/1',
    revision,
    eventId: `event-${revision}`,
    state: { ...state },
  });

  it('keeps the latest snapshot of each stream, in a file of its own that outlives the store', () => {
    const file = dir.file('own.snapshots.sqlite');
    const first = new SqliteSnapshotStore({ file });
    expect(first.load('pool-1')).toBeNull();
    first.save(snapshot(9n, { n: 9 }));
    first.save(snapshot(19n, { n: 19, big: 2 ** 53 - 1 }));
    first.close();

    const second = new SqliteSnapshotStore({ file });
    expect(second.load('pool-1')).toEqual(snapshot(19n, { n: 19, big: 2 ** 53 - 1 }));
    expect(second.load('pool-2')).toBeNull();
    second.close();
  });
});
