import { poolDecider } from './pool.decider';
import { poolView } from './pool-view';
import { MONDAY, TUESDAY, added, created, paused, routeMany, run } from './pool.test-fixtures';

describe('pool view', () => {
  const history = [created(), added('rep-a', 2, 3), added('rep-b'), paused('rep-b', 'out of office')];
  const state = [...history, ...run(history, routeMany(2))].reduce(poolDecider.evolve, poolDecider.initialState);

  it('shows members, caps, pauses, rotation credits and the day counts', () => {
    expect(poolView(state, MONDAY)).toEqual({
      poolId: 'pool-1',
      name: 'Inbound East',
      strategy: 'smooth-weighted-round-robin',
      policyVersion: 4,
      acceptanceSlaMinutes: 30,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [
        {
          repId: 'rep-a',
          weight: 2,
          dailyCap: 3,
          monthlyCap: null,
          paused: false,
          pausedBecause: null,
          rotationCredit: 0,
          assignedToday: 2,
          assignedThisMonth: 2,
          lastAssignment: 2,
        },
        {
          repId: 'rep-b',
          weight: 1,
          dailyCap: null,
          monthlyCap: null,
          paused: true,
          pausedBecause: 'out of office',
          rotationCredit: 0,
          assignedToday: 0,
          assignedThisMonth: 0,
          lastAssignment: null,
        },
      ],
      lastSequence: 2,
      queuedLeads: [],
    });
  });

  it('counts today from the day it is asked about', () => {
    expect(poolView(state, TUESDAY)?.members[0]).toMatchObject({ assignedToday: 0, assignedThisMonth: 2 });
  });

  it('shows nothing for a pool that was never created', () => {
    expect(poolView(poolDecider.initialState, MONDAY)).toBeNull();
  });
});
