import { given } from '@leadledger/kernel/testing';
import { poolDecider } from './pool.decider';
import type { PoolEvent } from './pool.events';
import {
  MONDAY,
  POOL,
  TUESDAY,
  added,
  assignedTo,
  candidate,
  chosenReps,
  created,
  paused,
  route,
  routeMany,
  run,
} from './pool.test-fixtures';

describe('pool decider: routing', () => {
  describe('when the pool rotates by smooth weighted round robin', () => {
    const history = [created(), added('rep-a', 2), added('rep-b'), added('rep-c')];

    it('assigns the lead and records the whole decision', () => {
      given(poolDecider, history)
        .when(route('lead-1'))
        .thenEvents([
          {
            type: 'PoolLeadAssigned',
            data: {
              poolId: POOL,
              leadId: 'lead-1',
              repId: 'rep-a',
              ...MONDAY,
              sequence: 1,
              fromQueue: false,
              rerouted: false,
              trace: {
                strategy: 'smooth-weighted-round-robin',
                policyVersion: 4,
                candidates: [candidate('rep-a', 2), candidate('rep-b'), candidate('rep-c')],
                rotationBefore: {},
                rotationAfter: { 'rep-a': -2, 'rep-b': 1, 'rep-c': 1 },
                chosen: 'rep-a',
              },
            },
          },
        ]);
    });

    it('spaces the weight-2 member out: never two leads in a row, its share in every cycle', () => {
      expect(chosenReps(run(history, routeMany(8)))).toEqual([
        ...['rep-a', 'rep-b', 'rep-a', 'rep-c'],
        ...['rep-a', 'rep-b', 'rep-a', 'rep-c'],
      ]);
    });

    it('restarts the rotation after a weight change', () => {
      const weightChanged: PoolEvent = {
        type: 'PoolMemberWeightChanged',
        data: { poolId: POOL, repId: 'rep-c', weight: 2 },
      };
      const afterOneLead = [...history, ...run(history, routeMany(1)), weightChanged];
      given(poolDecider, afterOneLead)
        .when(route('lead-2'))
        .thenEvents([
          assignedTo('rep-a', { trace: expect.objectContaining({ rotationBefore: {}, policyVersion: 5 }) }),
        ]);
    });

    it('refuses a lead it already assigned, naming the rep, so a retry is harmless', () => {
      given(poolDecider, [...history, ...run(history, routeMany(1))])
        .when(route('lead-1'))
        .thenRefuses({ code: 'LeadAlreadyRouted', facts: { poolId: POOL, leadId: 'lead-1', repId: 'rep-a' } });
    });
  });

  describe('when a member is paused, capped or departed', () => {
    const history = [
      created(),
      added('rep-a', 3),
      added('rep-b', 1, 1),
      added('rep-c', 1, null, 1),
      added('rep-d'),
      paused('rep-a'),
      { type: 'PoolMemberRemoved', data: { poolId: POOL, repId: 'rep-d', reason: 'departed' } } as PoolEvent,
    ];

    it('skips each with its reason, and departed reps are no longer candidates', () => {
      const events = run(history, routeMany(2));
      expect(chosenReps(events)).toEqual(['rep-b', 'rep-c']);
      const last = events[1];
      expect(last.type === 'PoolLeadAssigned' && last.data.trace.candidates).toEqual([
        candidate('rep-a', 3, { eligible: false, skippedBecause: 'paused' }),
        candidate('rep-b', 1, {
          eligible: false,
          skippedBecause: 'daily-cap',
          assignedToday: 1,
          assignedThisMonth: 1,
          lastAssignment: 1,
        }),
        candidate('rep-c'),
      ]);
    });

    it('gives the daily-capped member leads again the next day, but not the monthly-capped one', () => {
      const monday = run(history, routeMany(2));
      const tuesday = run([...history, ...monday], [route('lead-3', TUESDAY), route('lead-4', TUESDAY)]);
      expect(chosenReps(tuesday)).toEqual(['rep-b']);
      expect(tuesday[1]).toMatchObject({ type: 'PoolLeadQueued', data: { leadId: 'lead-4' } });
    });
  });

  describe('when the pool assigns the least-assigned member of the day', () => {
    const history = [created('least-assigned'), added('rep-a', 5), added('rep-b'), added('rep-c')];

    it('gives never-assigned members leads first, in join order, ignoring weights', () => {
      expect(chosenReps(run(history, routeMany(3)))).toEqual(['rep-a', 'rep-b', 'rep-c']);
    });

    it('breaks a tie by longest since the last lead, not by join order', () => {
      const events = run(history, [...routeMany(3), route('lead-x', TUESDAY), route('lead-y', TUESDAY)]);
      // On Tuesday everyone starts at zero again; rep-a waited longest, then rep-b.
      expect(chosenReps(events).slice(3)).toEqual(['rep-a', 'rep-b']);
    });

    it('picks the member with the fewest leads today and records the counts as its rotation', () => {
      const monday = [...history, ...run(history, routeMany(2))];
      given(poolDecider, monday)
        .when(route('lead-3'))
        .thenEvents([
          assignedTo('rep-c', {
            trace: expect.objectContaining({
              rotationBefore: { 'rep-a': 1, 'rep-b': 1, 'rep-c': 0 },
              rotationAfter: { 'rep-a': 1, 'rep-b': 1, 'rep-c': 1 },
            }),
          }),
        ]);
    });
  });
});
