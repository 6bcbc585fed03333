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
