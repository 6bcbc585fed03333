import { SqliteEventStore, SqliteSnapshotStore } from '@leadledger/event-store-sqlite';
import { tempDirectory } from '@leadledger/event-store/testing';
import { type Refusal, isRefusal } from '@leadledger/kernel';
import { type PoolCommand, type PoolState, poolDecider, poolStreamId } from '@leadledger/routing';
import { WrongExpectedRevisionError } from './event-store.errors';
import type { AppendOptions, ReadStreamOptions } from './event-store.port';
import { type Accepted, handleCommand } from './handle-command';
import {
  POOL,
  POOL_STREAM,
  accepted,
  addMember,
  createPool,
  managerContext,
  routeLead,
} from './pool-commands.fixtures';
import { foldEvents, loadState } from './load-state';
import type { NewEvent } from './stored-event';
import { StreamStateCache } from './stream-state-cache';

/** The real SQLite store, counting the events its readStream returns and able to run something just before an append. */
class ObservedStore extends SqliteEventStore {
  eventsRead = 0;
  beforeNextAppend: (() => Promise<void>) | null = null;

  override async readStream(streamId: string, options?: ReadStreamOptions) {
    const events = await super.readStream(streamId, options);
    this.eventsRead += events.length;
    return events;
  }

  override async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
    const before = this.beforeNextAppend;
    this.beforeNextAppend = null;
    await before?.();
    return super.appendToStream(streamId, events, options);
  }
}

/** Bounded to two streams, to see eviction. */
class SmallCacheStore extends SqliteEventStore {
  override readonly streamStates = new StreamStateCache(2);
}

const handle = (store: SqliteEventStore, command: PoolCommand, options = {}) =>
  handleCommand(store, poolStreamId(POOL), poolDecider, command, managerContext, options);

const assignedSequence = (result: Accepted<PoolState> | Refusal): unknown =>
  accepted(result).events.map((event) => event.data.sequence);
const asJson = (state: PoolState) => JSON.parse(JSON.stringify(poolDecider.snapshot!.toJson(state)));
const fullFold = async (store: SqliteEventStore, streamId = POOL_STREAM) =>
  asJson(foldEvents(poolDecider, await store.readStream(streamId)));

describe('handleCommand and loadState through the stream state cache', () => {
  const dir = tempDirectory('leadledger-state-cache');
  const opened: { close(): unknown }[] = [];
  const open = <T extends { close(): unknown }>(thing: T): T => {
    opened.push(thing);
    return thing;
  };
  let n = 0;
  const freshFile = () => dir.file(`events-${++n}.sqlite`);
  afterEach(async () => {
    for (const thing of opened.splice(0)) await thing.close();
  });
  afterAll(() => dir.remove());

  describe('when another store on the same file appended since the state was cached', () => {
    it('decides on the state with the other append in it', async () => {
      const file = freshFile();
      const a = open(new ObservedStore({ file }));
      const b = open(new ObservedStore({ file }));
      for (const command of [createPool, addMember('rep-1'), routeLead('lead-1')]) accepted(await handle(a, command));
      expect(a.streamStates.get(POOL_STREAM, poolDecider)?.revision).toBe(2n);

      expect(assignedSequence(await handle(b, routeLead('lead-2')))).toEqual([2]);
      // A's cache still says revision 2; the decision must know lead-2 and sequence 2.
      const again = await handle(a, routeLead('lead-2'));
      expect(isRefusal(again) && again.code).toBe('LeadAlreadyRouted');
      expect(assignedSequence(await handle(a, routeLead('lead-3')))).toEqual([3]);
      expect(asJson((await loadState(a, POOL_STREAM, poolDecider)).state)).toEqual(await fullFold(a));
    });

    it('still expects the revision it decided on: a race ends in a retried conflict, never two leads with one sequence', async () => {
      const file = freshFile();
      const a = open(new ObservedStore({ file }));
      const b = open(new ObservedStore({ file }));
      for (const command of [createPool, addMember('rep-1'), routeLead('lead-1'), routeLead('lead-2')]) {
        accepted(await handle(a, command));
      }
      // B gets in between A's decision and A's append.
      a.beforeNextAppend = async () => void accepted(await handle(b, routeLead('lead-b')));
      expect(assignedSequence(await handle(a, routeLead('lead-a')))).toEqual([4]);
      expect(a.activity).toMatchObject({ appends: 5, appendedEvents: 5, conflicts: 1, retries: 1 });

      a.beforeNextAppend = async () => void accepted(await handle(b, routeLead('lead-c')));
      await expect(handle(a, routeLead('lead-d'), { retriesOnConflict: 0 })).rejects.toThrow(
        WrongExpectedRevisionError,
      );
      // Counted for the operator: two lost races, one of them retried.
      expect(a.activity).toMatchObject({ appends: 5, conflicts: 2, retries: 1 });
      expect(b.activity).toMatchObject({ appends: 2, conflicts: 0 });

      const sequences = (await a.readStream(POOL_STREAM)).flatMap((e) =>
        e.type === 'PoolLeadAssigned' ? [e.data.sequence] : [],
      );
      expect(sequences).toEqual([1, 2, 3, 4, 5]);
    });
  });

  it('reads only the events after the cached state', async () => {
    const store = open(new ObservedStore({ file: freshFile() }));
    for (const command of [createPool, addMember('rep-1'), routeLead('lead-1')]) accepted(await handle(store, command));
    store.eventsRead = 0;
    accepted(await handle(store, routeLead('lead-2')));
    // The cached state is the head of the stream: the tail read finds nothing to fold.
    expect(store.eventsRead).toBe(0);
  });

  describe('beyond its bound', () => {
    it('forgets the least recently used stream, and folds it again right when asked', async () => {
      const store = open(new SmallCacheStore({ file: freshFile() }));
      const pools = ['p1', 'p2', 'p3'];
      for (const poolId of pools) {
        const streamId = poolStreamId(poolId);
        const onPool = (command: PoolCommand) =>
          handleCommand(store, streamId, poolDecider, { ...command, poolId }, managerContext);
        for (const command of [createPool, addMember('rep-1'), routeLead(`${poolId}-lead-1`)])
          accepted(await onPool(command));
      }
      expect(store.streamStates.size).toBe(2);
      expect(store.streamStates.get(poolStreamId('p1'), poolDecider)).toBeUndefined();

      const again = await handleCommand(store, poolStreamId('p1'), poolDecider, routeLead('p1-lead-1'), managerContext);
      expect(isRefusal(again) && again.code).toBe('LeadAlreadyRouted');
      const { state } = await loadState(store, poolStreamId('p1'), poolDecider);
      expect(asJson(state)).toEqual(await fullFold(store, poolStreamId('p1')));
    });
  });

  describe('with snapshots', () => {
    /** A pool of 12 events written by one store that snapshots every 5, then a cold store on the same files. */
    async function poolWithSnapshots() {
      const file = freshFile();
      const snapshots = open(new SqliteSnapshotStore({ file: `${file}.snapshots` }));
      const writer = open(new SqliteEventStore({ file }));
      writer.streamStates.useSnapshots(snapshots, { every: 5 });
      accepted(await handle(writer, createPool));
      accepted(await handle(writer, addMember('rep-1')));
      for (let i = 1; i <= 10; i++) accepted(await handle(writer, routeLead(`lead-${i}`)));
      const cold = open(new ObservedStore({ file }));
      cold.streamStates.useSnapshots(snapshots, { every: 5 });
      const events = await cold.readStream(POOL_STREAM);
      cold.eventsRead = 0;
      return { snapshots, cold, events };
    }

    it('starts a cold store from a snapshot of the current version', async () => {
      const { snapshots, cold, events } = await poolWithSnapshots();
      const saved = snapshots.load(POOL_STREAM)!;
      expect(saved).toMatchObject({ deciderVersion: poolDecider.snapshot!.version, revision: 9n });
      expect(saved.eventId).toBe(events[9].id);

      const { state, revision } = await loadState(cold, POOL_STREAM, poolDecider);
      const read = cold.eventsRead;
      expect(revision).toBe(11n);
      expect(asJson(state)).toEqual(await fullFold(cold));
      expect(read).toBe(3); // the snapshot's own event, then the two after it
    });

    it('remembers a snapshot taken at the end of the stream, so it is read and decoded once', async () => {
      const { snapshots, cold, events } = await poolWithSnapshots();
      const last = events.at(-1)!;
      const { deciderVersion } = snapshots.load(POOL_STREAM)!;
      const atEnd = { streamId: POOL_STREAM, deciderVersion, revision: last.revision, eventId: last.id };
      const expected = await fullFold(cold);
      snapshots.save({ ...atEnd, state: expected });
      cold.eventsRead = 0;

      expect(asJson((await loadState(cold, POOL_STREAM, poolDecider)).state)).toEqual(expected);
      expect(cold.eventsRead).toBe(1);
      snapshots.save({ ...atEnd, state: { status: 'absent' } }); // now wrong: only a second decoding would see it
      expect(asJson((await loadState(cold, POOL_STREAM, poolDecider)).state)).toEqual(expected);
      // Once cached, only what follows it is read: nothing here.
      expect(cold.eventsRead).toBe(1);
    });

    it('ignores a snapshot of another decider version and folds the stream from its start', async () => {
      const { snapshots, cold, events } = await poolWithSnapshots();
      const last = events.at(-1)!;
      const absent = { status: 'absent' };
      snapshots.save({
        streamId: POOL_STREAM,
        deciderVersion: 'pool-state/0',
        revision: last.revision,
        eventId: last.id,
        state: absent,
      });

      const { state } = await loadState(cold, POOL_STREAM, poolDecider);
      expect(cold.eventsRead).toBe(events.length);
      expect(state.status).toBe('active');
      expect(asJson(state)).toEqual(await fullFold(cold));
    });

    it('ignores a snapshot whose event is not the one the log has at its revision', async () => {
      const { snapshots, cold, events } = await poolWithSnapshots();
      const version = poolDecider.snapshot!.version;
      const absent = { status: 'absent' };
      snapshots.save({
        streamId: POOL_STREAM,
        deciderVersion: version,
        revision: 11n,
        eventId: 'another-log',
        state: absent,
      });

      const { state } = await loadState(cold, POOL_STREAM, poolDecider);
      expect(asJson(state)).toEqual(await fullFold(cold));
      expect(state.status).toBe('active');
      // The new full fold is snapshotted in its place.
      expect(snapshots.load(POOL_STREAM)?.eventId).toBe(events[11].id);
    });
  });
});
