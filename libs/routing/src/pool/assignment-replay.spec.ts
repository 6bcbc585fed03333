import { isRefusal } from '@leadledger/kernel';
import fc from 'fast-check';
import { replayPoolDecision as replayOnState } from './assignment-replay';
import type { PoolCommand } from './pool.commands';
import { poolDecider } from './pool.decider';
import type { PoolEvent, PoolLeadAssigned } from './pool.events';
import { evolvePool, initialPoolState } from './pool.state';
import { MONDAY, added, created, paused, reroute, route } from './pool.test-fixtures';

/** The pool's log after these commands, as the engine would have written it. */
function logOf(commands: readonly PoolCommand[], start: readonly PoolEvent[]): PoolEvent[] {
  const log = [...start];
  for (const command of commands) {
    const state = log.reduce(poolDecider.evolve, poolDecider.initialState);
    const decision = poolDecider.decide(command, state);
    if (!isRefusal(decision)) log.push(...decision);
  }
  return log;
}

/** The decision replayed on the pool as these events (those before it) leave it. */
const replayPoolDecision = (before: readonly PoolEvent[], recorded: PoolLeadAssigned) =>
  replayOnState(before.reduce(evolvePool, initialPoolState), recorded);

const assignments = (log: readonly PoolEvent[]) =>
  log.flatMap((event, index) => (event.type === 'PoolLeadAssigned' ? [{ event, index }] : []));

// Wang (weight 2) and Li (weight 1); Zhao on leave. The rotation gives Wang, Wang, Li; Li
// declines the third lead, which moves on to Wang; then a fourth lead.
const start = [created(), added('rep-wang', 2), added('rep-li', 1), added('rep-zhao', 1), paused('rep-zhao')];
const log = logOf([route('l1'), route('l2'), route('l3'), reroute('l3', ['rep-li']), route('l4')], start);

describe('replaying a pool’s routing decision', () => {
  it('recomputes every assignment from the events before it, identical to what was recorded', () => {
    for (const { event, index } of assignments(log)) {
      const replay = replayPoolDecision(log.slice(0, index), event as PoolLeadAssigned);

      expect(replay).toMatchObject({ identical: true, differences: [], policyVersion: 5 });
      expect(replay.replayed?.data).toEqual(event.data);
    }
  });

  it('keeps a re-route away from the rep who declined', () => {
    const rerouted = assignments(log).find(({ event }) => event.type === 'PoolLeadAssigned' && event.data.rerouted);

    const replay = replayPoolDecision(log.slice(0, rerouted!.index), rerouted!.event as PoolLeadAssigned);

    expect(replay.identical).toBe(true);
    expect(replay.replayed?.data.trace.candidates.find((c) => c.repId === 'rep-li')?.skippedBecause).toBe(
      'passed-over',
    );
  });

  it('names the input that differs when the history before a decision is not what the decision saw', () => {
    // Had Li's weight been 3, not 1, the policy would be the same version but the first
    // rotation would go to Li (credits 3 against Wang's 2).
    const first = assignments(log)[0];
    const otherHistory = log
      .slice(0, first.index)
      .map((event) =>
        event.type === 'PoolMemberAdded' && event.data.repId === 'rep-li'
          ? { ...event, data: { ...event.data, weight: 3 } }
          : event,
      );

    const replay = replayPoolDecision(otherHistory, first.event as PoolLeadAssigned);

    expect(replay.identical).toBe(false);
    expect(replay.differences.map((d) => d.input)).toEqual(
      expect.arrayContaining(['candidates[rep-li].weight', 'chosen', 'rotationAfter']),
    );
    expect(replay.differences.find((d) => d.input === 'chosen')).toEqual({
      input: 'chosen',
      recorded: 'rep-wang',
      replayed: 'rep-li',
    });
  });

  describe('when the history before a decision is not what the decision saw', () => {
    // By hand, the log above: policy version 5 (created 1, three members added 2–4, Zhao paused 5).
    // l1: credits Wang 0 + 2 = 2, Li 0 + 1 = 1; Wang scores 2 + 2 = 4 over Li's 1 + 1 = 2 and
    //     takes the lead, 2 − 3 = −1: rotation {Wang −1, Li 1}, sequence 1.
    // l2: Wang −1 + 2 = 1 scores 3, Li 1 + 1 = 2 scores 3; the tie goes to the heavier Wang,
    //     1 − 3 = −2: rotation {Wang −2, Li 2}, sequence 2.
    const [first, second] = assignments(log);
    const beforeFirst = log.slice(0, first.index);

    it('says the pool did not exist when nothing was recorded before the decision', () => {
      expect(replayPoolDecision([], first.event as PoolLeadAssigned)).toEqual({
        policyVersion: null,
        replayed: null,
        identical: false,
        differences: [{ input: 'pool', recorded: 'pool-1', replayed: null }],
      });
    });

    it('names the policy version and the members when a member is missing from that history', () => {
      // Without Zhao (added, then paused) the policy is at version 3, not 5, and the members are
      // Wang and Li; Zhao took no part in the pick, so the choice, credits and sequence agree.
      const withoutZhao = beforeFirst.filter((event) => !('repId' in event.data && event.data.repId === 'rep-zhao'));

      const replay = replayPoolDecision(withoutZhao, first.event as PoolLeadAssigned);

      expect(replay).toMatchObject({ policyVersion: 3, identical: false });
      expect(replay.differences).toEqual([
        { input: 'policyVersion', recorded: 5, replayed: 3 },
        { input: 'members', recorded: ['rep-wang', 'rep-li', 'rep-zhao'], replayed: ['rep-wang', 'rep-li'] },
      ]);
    });

    it('names the strategy and the rotation when the pool was created with another strategy', () => {
      // Under least-assigned the rotation is each member's leads that day (0 each before l1, Wang
      // 1 after); nobody has a lead yet and Wang joined first, so Wang is still chosen.
      const leastAssigned = beforeFirst.map((event) =>
        event.type === 'PoolCreated' ? created('least-assigned') : event,
      );

      const replay = replayPoolDecision(leastAssigned, first.event as PoolLeadAssigned);

      expect(replay.differences).toEqual([
        { input: 'strategy', recorded: 'smooth-weighted-round-robin', replayed: 'least-assigned' },
        { input: 'rotationBefore', recorded: {}, replayed: { 'rep-wang': 0, 'rep-li': 0, 'rep-zhao': 0 } },
        {
          input: 'rotationAfter',
          recorded: { 'rep-wang': -1, 'rep-li': 1 },
          replayed: { 'rep-wang': 1, 'rep-li': 0, 'rep-zhao': 0 },
        },
      ]);
    });

    it('names the counts, the credits and the sequence when an earlier assignment is missing', () => {
      // l2 replayed on a history that lost l1's assignment is l1's decision again: Wang with no
      // lead that day or month and none before, credits from {} to {Wang −1, Li 1}, sequence 1.
      const replay = replayPoolDecision(beforeFirst, second.event as PoolLeadAssigned);

      expect(replay.differences).toEqual([
        { input: 'candidates[rep-wang].assignedToday', recorded: 1, replayed: 0 },
        { input: 'candidates[rep-wang].assignedThisMonth', recorded: 1, replayed: 0 },
        { input: 'candidates[rep-wang].lastAssignment', recorded: 1, replayed: null },
        { input: 'rotationBefore', recorded: { 'rep-wang': -1, 'rep-li': 1 }, replayed: {} },
        {
          input: 'rotationAfter',
          recorded: { 'rep-wang': -2, 'rep-li': 2 },
          replayed: { 'rep-wang': -1, 'rep-li': 1 },
        },
        { input: 'sequence', recorded: 2, replayed: 1 },
      ]);
    });

    it('says the lead would have been queued when nobody could take it', () => {
      // Wang and Li also on leave: versions 6 and 7, nobody eligible, no pick, the credits stay {}.
      const allOnLeave = [...beforeFirst, paused('rep-wang'), paused('rep-li')];

      const replay = replayPoolDecision(allOnLeave, first.event as PoolLeadAssigned);

      expect(replay.replayed?.type).toBe('PoolLeadQueued');
      expect(replay.differences).toEqual([
        { input: 'policyVersion', recorded: 5, replayed: 7 },
        { input: 'candidates[rep-wang].eligible', recorded: true, replayed: false },
        { input: 'candidates[rep-wang].skippedBecause', recorded: null, replayed: 'paused' },
        { input: 'candidates[rep-li].eligible', recorded: true, replayed: false },
        { input: 'candidates[rep-li].skippedBecause', recorded: null, replayed: 'paused' },
        { input: 'chosen', recorded: 'rep-wang', replayed: null },
        { input: 'rotationAfter', recorded: { 'rep-wang': -1, 'rep-li': 1 }, replayed: {} },
        { input: 'outcome', recorded: 'assigned', replayed: 'queued' },
      ]);
    });
  });

  it('is identical for every assignment of any sequence of routes, re-routes and pauses', () => {
    const reps = ['rep-a', 'rep-b', 'rep-c'];
    const command = fc.oneof(
      fc.nat(20).map((n) => route(`lead-${n}`)),
      fc.tuple(fc.nat(20), fc.subarray(reps)).map(([n, passed]) => reroute(`lead-${n}`, passed)),
      fc
        .constantFrom(...reps)
        .map((repId): PoolCommand => ({ kind: 'PauseMember', poolId: 'pool-1', repId, reason: 'leave' })),
      fc
        .constantFrom(...reps)
        .map((repId): PoolCommand => ({ kind: 'ResumeMember', poolId: 'pool-1', repId, ...MONDAY })),
    );
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
        (commands, weights) => {
          const history = logOf(commands, [created(), ...reps.map((repId, i) => added(repId, weights[i]))]);
          for (const { event, index } of assignments(history)) {
            expect(replayPoolDecision(history.slice(0, index), event as PoolLeadAssigned).differences).toEqual([]);
          }
        },
      ),
    );
  });
});
