import { handleCommand } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { digestsOneByOneAndBatched } from '@leadledger/projections/testing';
import { noSkips } from '../pool/fairness-report';
import type { PoolCommand } from '../pool/pool.commands';
import { poolDecider } from '../pool/pool.decider';
import { poolStreamId } from '../pool/pool.events';
import { MONDAY, TUESDAY } from '../pool/pool.test-fixtures';
import { poolHistoryProjection } from './pool-history.projection';
import {
  type PoolMemberTerms,
  memberTermsAt,
  poolFairnessCounts,
  poolHistoryKnows,
  poolOfDecision,
} from './pool-history.query';
import { addMemberCommand, createPoolCommand, managerContext, routeCommand } from './pool-commands.fixtures';

const context = managerContext;
const create = createPoolCommand;
const add = addMemberCommand;
const route = routeCommand;

/**
 * East (smooth weighted round robin: the highest credit plus weight wins, ties to the heavier), with the
 * policy version after each configuration event in brackets: created [1]; rep-a weight 2 [2]; rep-b weight 1,
 * daily cap 1 [3]. Monday, credits + weights (a, b): l1 (2+2, 1+1) -> a, credits -1, 1; l2 (1+2, 2+1), a tie
 * to the heavier -> a, credits -2, 2; l3 (0+2, 3+1) -> b, now at its cap; l4 -> a (b capped), then l4
 * re-routed past a: b still capped, so queued.
 * Tuesday: rep-a paused [4]; rep-b's cap lifted [5], which drains l4 to b (a passed over); rep-b's weight
 * to 3 [6]; l5 -> b (a paused); rep-a resumed [7]; rep-b removed [8].
 */
const east: PoolCommand[] = [
  create('east'),
  add('east', 'rep-a', 2),
  add('east', 'rep-b', 1, { daily: 1 }),
  route('east', 'l1', MONDAY),
  route('east', 'l2', MONDAY),
  route('east', 'l3', MONDAY),
  route('east', 'l4', MONDAY),
  { kind: 'RerouteLead', poolId: 'east', leadId: 'l4', passedOver: ['rep-a'], ...MONDAY },
  { kind: 'PauseMember', poolId: 'east', repId: 'rep-a', reason: 'leave' },
  { kind: 'ChangeCaps', poolId: 'east', repId: 'rep-b', dailyCap: null, monthlyCap: null, ...TUESDAY },
  { kind: 'ChangeWeight', poolId: 'east', repId: 'rep-b', weight: 3, ...TUESDAY },
  route('east', 'l5', TUESDAY),
  { kind: 'ResumeMember', poolId: 'east', repId: 'rep-a', ...TUESDAY },
  { kind: 'RemoveMember', poolId: 'east', repId: 'rep-b', reason: 'departed' },
];
/** West: rep-d alone, 1 lead a month. w1 Monday -> rep-d; w2 Monday and w3 Tuesday queued at the monthly cap. */
const west: PoolCommand[] = [
  create('west'),
  add('west', 'rep-d', 1, { monthly: 1 }),
  route('west', 'w1', MONDAY),
  route('west', 'w2', MONDAY),
  route('west', 'w3', TUESDAY),
];

describe('pool history', () => {
  const dir = tempDirectory('leadledger-pool-history');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let built: ProjectionStatus;
  const on = (poolId: string, commands: PoolCommand[]) =>
    commands.reduce(
      (done, command) => done.then(() => handleCommand(store, poolStreamId(poolId), poolDecider, command, context)),
      Promise.resolve<unknown>(undefined),
    );

  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    await on('east', east);
    await on('west', west);
    // A member added to a pool the log never created (no decider writes one): nobody's terms.
    const stray = { poolId: 'south', repId: 'rep-s', weight: 1, dailyCap: null, monthlyCap: null };
    await store.appendToStream(poolStreamId('south'), [{ ...anEvent('PoolMemberAdded'), data: stray }], {
      expectedRevision: 'no_stream',
    });
    built = await rebuildProjection(store, readModels, poolHistoryProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  const terms = (version: number) => memberTermsAt(readModels.db, 'east', version, ['rep-a', 'rep-b', 'rep-z']);

  it('gives each member’s terms under each policy version, leaving out who was no member then', () => {
    const a: PoolMemberTerms = { weight: 2, dailyCap: null, monthlyCap: null, pausedBecause: null };
    const b: PoolMemberTerms = { weight: 1, dailyCap: 1, monthlyCap: null, pausedBecause: null };
    expect(terms(1)).toEqual(new Map());
    expect(terms(2)).toEqual(new Map([['rep-a', a]]));
    expect(terms(3)).toEqual(
      new Map([
        ['rep-a', a],
        ['rep-b', b],
      ]),
    );
    expect(terms(4).get('rep-a')).toEqual({ ...a, pausedBecause: 'leave' });
    expect(terms(5).get('rep-b')).toEqual({ ...b, dailyCap: null });
    expect(terms(6)).toEqual(
      new Map([
        ['rep-a', { ...a, pausedBecause: 'leave' }],
        ['rep-b', { ...b, dailyCap: null, weight: 3 }],
      ]),
    );
    expect(terms(7).get('rep-a')).toEqual(a);
    expect(terms(8)).toEqual(new Map([['rep-a', a]]));
    expect(memberTermsAt(readModels.db, 'west', 2, ['rep-d'])).toEqual(
      new Map([['rep-d', { weight: 1, dailyCap: null, monthlyCap: 1, pausedBecause: null }]]),
    );
  });

  it('names the pool that decided about a lead under a policy version', () => {
    expect(poolOfDecision(readModels.db, 'l1', 3)).toBe('east');
    expect(poolOfDecision(readModels.db, 'l1', 2)).toBeNull();
    // l4: routed and re-routed under version 3, drained under 5 (the cap change).
    expect(poolOfDecision(readModels.db, 'l4', 3)).toBe('east');
    expect(poolOfDecision(readModels.db, 'l4', 5)).toBe('east');
    expect(poolOfDecision(readModels.db, 'l5', 6)).toBe('east');
    expect(poolOfDecision(readModels.db, 'w3', 2)).toBe('west');
  });

  it('knows the pools it saw created, and no other', () => {
    expect(built).toMatchObject({ name: 'pool-history', version: '1', failure: null });
    expect(poolHistoryKnows(readModels.db, 'east')).toBe(true);
    expect(poolHistoryKnows(readModels.db, 'south')).toBe(false);
    expect(memberTermsAt(readModels.db, 'south', 2, ['rep-s'])).toEqual(new Map());
  });

  const MON = '2026-03-02';
  const TUE = '2026-03-03';
  const WED = '2026-03-04';

  it('counts a day’s leads given, skips by reason and shares due, per member', () => {
    // Monday, total weight 2 + 1 = 3 at each decision. Given: l1, l2, l4 to a, l3 to b; each of the 4 leads
    // given is due 2 thirds to a (4 x 2 = 8) and 1 third to b (4 x 1 = 4); the re-route of l4 queued it and
    // gives nobody a share. Skips: b at its cap for l4 and its re-route (2), a passed over by the re-route (1).
    expect(poolFairnessCounts(readModels.db, 'east', MON, TUE)).toEqual([
      { repId: 'rep-a', given: 3, skips: { ...noSkips(), 'passed-over': 1 }, dueByTotalWeight: new Map([[3, 8]]) },
      { repId: 'rep-b', given: 1, skips: { ...noSkips(), 'daily-cap': 2 }, dueByTotalWeight: new Map([[3, 4]]) },
    ]);
    // Tuesday: l4 drained under weights 2 and 1 (total 3), l5 under 2 and 3 (total 5), both to b;
    // a passed over for l4 and paused for l5, yet due its share of each: 2 thirds and 2 fifths.
    expect(poolFairnessCounts(readModels.db, 'east', TUE, WED)).toEqual([
      {
        repId: 'rep-a',
        given: 0,
        skips: { ...noSkips(), 'passed-over': 1, paused: 1 },
        dueByTotalWeight: new Map([
          [3, 2],
          [5, 2],
        ]),
      },
      {
        repId: 'rep-b',
        given: 2,
        skips: noSkips(),
        dueByTotalWeight: new Map([
          [3, 1],
          [5, 3],
        ]),
      },
    ]);
  });

  it('sums the days of a window, from its first day up to but not including its last', () => {
    // Monday and Tuesday: a 3 + 0 given, due 8 + 2 = 10 thirds and 2 fifths; b 1 + 2 given, 4 + 1 = 5 thirds, 3 fifths.
    expect(poolFairnessCounts(readModels.db, 'east', MON, WED)).toEqual([
      {
        repId: 'rep-a',
        given: 3,
        skips: { ...noSkips(), 'passed-over': 2, paused: 1 },
        dueByTotalWeight: new Map([
          [3, 10],
          [5, 2],
        ]),
      },
      {
        repId: 'rep-b',
        given: 3,
        skips: { ...noSkips(), 'daily-cap': 2 },
        dueByTotalWeight: new Map([
          [3, 5],
          [5, 3],
        ]),
      },
    ]);
    expect(poolFairnessCounts(readModels.db, 'east', WED, '2026-03-05')).toEqual([]);
  });

  it('counts a member held back by its monthly cap, due nothing on a day the pool gave nobody a lead', () => {
    // Monday: w1 to rep-d (its whole share, 1 of 1), w2 queued at the cap; Tuesday: w3 queued too.
    expect(poolFairnessCounts(readModels.db, 'west', MON, TUE)).toEqual([
      { repId: 'rep-d', given: 1, skips: { ...noSkips(), 'monthly-cap': 1 }, dueByTotalWeight: new Map([[1, 1]]) },
    ]);
    expect(poolFairnessCounts(readModels.db, 'west', TUE, WED)).toEqual([
      { repId: 'rep-d', given: 0, skips: { ...noSkips(), 'monthly-cap': 1 }, dueByTotalWeight: new Map() },
    ]);
  });

  it('is the same applied one event at a time as in batches, and rebuilt from scratch', async () => {
    const digests = await digestsOneByOneAndBatched(store, poolHistoryProjection, (name) => dir.file(name));
    expect(digests.batched).toEqual(digests.oneByOne);
    const before = poolFairnessCounts(readModels.db, 'east', MON, WED);
    // Rebuilt from another log (a read-model file of another engine) that holds only west: nothing of east stays.
    const other = new SqliteEventStore({ file: dir.file('other.sqlite') });
    await handleCommand(other, poolStreamId('west'), poolDecider, create('west'), context);
    expect((await rebuildProjection(other, readModels, poolHistoryProjection)).failure).toBeNull();
    await other.close();
    expect(poolOfDecision(readModels.db, 'l1', 3)).toBeNull();
    expect(poolHistoryKnows(readModels.db, 'east')).toBe(false);
    expect(poolFairnessCounts(readModels.db, 'east', MON, WED)).toEqual([]);
    const again = await rebuildProjection(store, readModels, poolHistoryProjection);
    expect(again.failure).toBeNull();
    expect(poolFairnessCounts(readModels.db, 'east', MON, WED)).toEqual(before);
    expect(terms(3)).toEqual(
      new Map([
        ['rep-a', { weight: 2, dailyCap: null, monthlyCap: null, pausedBecause: null }],
        ['rep-b', { weight: 1, dailyCap: 1, monthlyCap: null, pausedBecause: null }],
      ]),
    );
  });
});
