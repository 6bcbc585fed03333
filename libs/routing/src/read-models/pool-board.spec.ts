import { foldEvents, handleCommand } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { digestsOneByOneAndBatched } from '@leadledger/projections/testing';
import type { PoolCommand } from '../pool/pool.commands';
import { poolDecider } from '../pool/pool.decider';
import { poolStreamId } from '../pool/pool.events';
import { poolView } from '../pool/pool-view';
import { MONDAY, TUESDAY } from '../pool/pool.test-fixtures';
import { addMemberCommand, createPoolCommand, managerContext, routeCommand } from './pool-commands.fixtures';
import { poolBoardProjection } from './pool-board.projection';
import { getPoolView, listPools, poolsWithMember } from './pool-board.query';

const context = managerContext;
const createPool = createPoolCommand;
const addMember = (poolId: string, repId: string, weight = 1, dailyCap?: number) =>
  addMemberCommand(poolId, repId, weight, { daily: dailyCap });
const route = (poolId: string, leadId: string) => routeCommand(poolId, leadId);

describe('pool board', () => {
  const dir = tempDirectory('leadledger-pool-board');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let built: ProjectionStatus;
  const on = (poolId: string, ...commands: PoolCommand[]) =>
    commands.reduce(
      (done, command) => done.then(() => handleCommand(store, poolStreamId(poolId), poolDecider, command, context)),
      Promise.resolve<unknown>(undefined),
    );

  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    await on(
      'east',
      createPool('east'),
      addMember('east', 'rep-a', 2, 3),
      addMember('east', 'rep-b'),
      addMember('east', 'rep-c'),
      ...['l1', 'l2', 'l3'].map((leadId) => route('east', leadId)),
      { kind: 'RerouteLead', poolId: 'east', leadId: 'l1', passedOver: ['rep-a'], ...MONDAY },
      { kind: 'PauseMember', poolId: 'east', repId: 'rep-c', reason: 'leave' },
      { kind: 'ChangeCaps', poolId: 'east', repId: 'rep-b', dailyCap: 1, monthlyCap: null, ...MONDAY },
      ...['l4', 'l5', 'l6', 'l7'].map((leadId) => route('east', leadId)),
    );
    await on('west', createPool('west'), addMember('west', 'rep-a'), addMember('west', 'rep-d'));
    await on('north', createPool('north'), addMember('north', 'rep-a'), {
      kind: 'RemoveMember',
      poolId: 'north',
      repId: 'rep-a',
      reason: 'departed',
    });
    // A member added to a pool the log never created (no decider writes one): the board keeps no trace of it.
    const stray = { poolId: 'south', repId: 'rep-s', weight: 1, dailyCap: null, monthlyCap: null };
    await store.appendToStream(poolStreamId('south'), [{ ...anEvent('PoolMemberAdded'), data: stray }], {
      expectedRevision: 'no_stream',
    });
    built = await rebuildProjection(store, readModels, poolBoardProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('shows a pool exactly as the decider folds its stream, for any day asked about', async () => {
    const state = foldEvents(poolDecider, await store.readStream(poolStreamId('east')));
    for (const today of [MONDAY, TUESDAY]) {
      expect(getPoolView(readModels.db, 'east', today)).toEqual(poolView(state, today));
    }
  });

  it('shows the members with their counts and the leads waiting', () => {
    const view = getPoolView(readModels.db, 'east', MONDAY)!;
    expect(view.members.map((m) => [m.repId, m.weight, m.pausedBecause, m.dailyCap, m.assignedToday])).toEqual([
      ['rep-a', 2, null, 3, 3],
      ['rep-b', 1, null, 1, 1],
      ['rep-c', 1, 'leave', null, 1],
    ]);
    expect(view.queuedLeads.map((queued) => queued.leadId)).toEqual(['l5', 'l6', 'l7']);
  });

  it('knows nothing of a pool that was never created, though an event named it', () => {
    expect(built.failure).toBeNull();
    expect(getPoolView(readModels.db, 'south', MONDAY)).toBeNull();
    expect(poolsWithMember(readModels.db, 'rep-s')).toEqual([]);
  });

  it('lists every pool by id, with its policy version, size, paused members and queue', () => {
    // Policy versions count configuration events, PoolCreated = 1: east created, 3 members added, rep-c paused,
    // rep-b's caps changed = 6; west created, 2 added = 3; north created, rep-a added and removed = 3.
    expect(listPools(readModels.db)).toEqual([
      {
        poolId: 'east',
        name: 'Pool east',
        strategy: 'smooth-weighted-round-robin',
        policyVersion: 6,
        members: 3,
        pausedMembers: 1,
        queuedLeads: 3,
      },
      {
        poolId: 'north',
        name: 'Pool north',
        strategy: 'smooth-weighted-round-robin',
        policyVersion: 3,
        members: 0,
        pausedMembers: 0,
        queuedLeads: 0,
      },
      {
        poolId: 'west',
        name: 'Pool west',
        strategy: 'smooth-weighted-round-robin',
        policyVersion: 3,
        members: 2,
        pausedMembers: 0,
        queuedLeads: 0,
      },
    ]);
  });

  it('lists the pools a rep is a member of now, ordered by id', () => {
    expect(poolsWithMember(readModels.db, 'rep-a')).toEqual(['east', 'west']);
    expect(poolsWithMember(readModels.db, 'rep-d')).toEqual(['west']);
    expect(poolsWithMember(readModels.db, 'rep-z')).toEqual([]);
  });

  it('is the same applied one event at a time as in batches', async () => {
    const digests = await digestsOneByOneAndBatched(store, poolBoardProjection, (name) => dir.file(name));
    expect(digests.batched).toEqual(digests.oneByOne);
    expect(digests.oneByOne[0].rows).toBe(3);
  });
});
