import { given } from '@leadledger/kernel/testing';
import { poolDecider } from './pool.decider';
import type { PoolEvent } from './pool.events';
import { poolView } from './pool-view';
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
  reroute,
  route,
  run,
} from './pool.test-fixtures';

const fold = (events: readonly PoolEvent[]) => events.reduce(poolDecider.evolve, poolDecider.initialState);

describe('pool decider: re-routing a declined or expired lead', () => {
  describe('when the lead’s rep passed it over and others are eligible', () => {
    const history = [created(), added('rep-a'), added('rep-b'), added('rep-c')];
    const routed = [...history, ...run(history, [route('lead-1')])]; // lead-1 went to rep-a

    it('moves it to the next eligible member and says in the trace who was passed over', () => {
      given(poolDecider, routed)
        .when(reroute('lead-1', ['rep-a']))
        .thenEvents([
          {
            type: 'PoolLeadAssigned',
            data: {
              poolId: POOL,
              leadId: 'lead-1',
              repId: 'rep-b',
              ...MONDAY,
              sequence: 2,
              fromQueue: false,
              rerouted: true,
              trace: {
                strategy: 'smooth-weighted-round-robin',
                policyVersion: 4,
                candidates: [
                  candidate('rep-a', 1, {
                    eligible: false,
                    skippedBecause: 'passed-over',
                    assignedToday: 1,
                    assignedThisMonth: 1,
                    lastAssignment: 1,
                  }),
                  candidate('rep-b'),
                  candidate('rep-c'),
                ],
                // The passed-over member keeps its credit, as a paused one would.
                rotationBefore: { 'rep-a': -2, 'rep-b': 1, 'rep-c': 1 },
                rotationAfter: { 'rep-a': -2, 'rep-b': 0, 'rep-c': 2 },
                chosen: 'rep-b',
              },
            },
          },
        ]);
    });

    it('skips every rep it was passed over by', () => {
      const declinedTwice = [...routed, ...run(routed, [reroute('lead-1', ['rep-a'])])];
      given(poolDecider, declinedTwice)
        .when(reroute('lead-1', ['rep-a', 'rep-b']))
        .thenEvents([assignedTo('rep-c', { leadId: 'lead-1', rerouted: true })]);
    });

    it('refuses a retry, naming the rep the earlier re-route chose', () => {
      const rerouted = [...routed, ...run(routed, [reroute('lead-1', ['rep-a'])])];
      given(poolDecider, rerouted)
        .when(reroute('lead-1', ['rep-a']))
        .thenRefuses({ code: 'LeadAlreadyRouted', facts: { poolId: POOL, leadId: 'lead-1', repId: 'rep-b' } });
    });

    it('refuses a re-route that does not pass over the rep who holds the lead', () => {
      given(poolDecider, routed)
        .when(reroute('lead-1', ['rep-c']))
        .thenRefuses({ code: 'LeadAlreadyRouted', facts: { poolId: POOL, leadId: 'lead-1', repId: 'rep-a' } });
    });

    it('counts the new assignment like any other, and keeps the earlier one on the passed-over rep’s tally', () => {
      const rerouted = [...routed, ...run(routed, [reroute('lead-1', ['rep-a'])])];
      const counts = poolView(fold(rerouted), MONDAY)?.members.map((m) => [m.repId, m.assignedToday]);
      expect(counts).toEqual([
        ['rep-a', 1],
        ['rep-b', 1],
        ['rep-c', 0],
      ]);
    });

    it('routes a lead this pool never assigned (a receiver declined it), with the exclusions', () => {
      given(poolDecider, history)
        .when(reroute('walk-in-1', ['rep-a']))
        .thenEvents([assignedTo('rep-b', { leadId: 'walk-in-1', sequence: 1, rerouted: true })]);
    });

    it('marks ordinary routes as not re-routed', () => {
      expect(run(history, [route('lead-9')])).toEqual([assignedTo('rep-a', { rerouted: false })]);
    });
  });

  describe('when nobody but the passed-over reps is eligible', () => {
    const history = [created(), added('rep-a', 1, 2), added('rep-b'), paused('rep-b')];
    // lead-1 to rep-a, who declines it; with rep-b paused it must wait.
    const declined = [...history, ...run(history, [route('lead-1')])];
    const waiting = [...declined, ...run(declined, [reroute('lead-1', ['rep-a'])])];

    it('queues it, remembering whom it must not go back to', () => {
      expect(waiting.at(-1)).toEqual({
        type: 'PoolLeadQueued',
        data: expect.objectContaining({
          leadId: 'lead-1',
          passedOver: ['rep-a'],
          trace: expect.objectContaining({
            candidates: [
              expect.objectContaining({ repId: 'rep-a', skippedBecause: 'passed-over' }),
              expect.objectContaining({ repId: 'rep-b', skippedBecause: 'paused' }),
            ],
            chosen: null,
          }),
        }),
      });
    });

    it('refuses a retry while it waits', () => {
      given(poolDecider, waiting)
        .when(reroute('lead-1', ['rep-a']))
        .thenRefuses({ code: 'LeadAlreadyQueued', facts: { poolId: POOL, leadId: 'lead-1' } });
    });

    it('still gives other leads to the rep who passed this one over', () => {
      expect(chosenReps(run(waiting, [route('lead-2')]))).toEqual(['rep-a']);
    });

    it('never drains it back to a passed-over rep, but drains the leads behind it', () => {
      // lead-2 fills rep-a's daily cap of 2, so lead-3 queues behind lead-1.
      const queued = [...waiting, ...run(waiting, [route('lead-2'), route('lead-3')])];
      given(poolDecider, queued)
        .when({ kind: 'DrainQueue', poolId: POOL, ...TUESDAY })
        .thenEvents([assignedTo('rep-a', { leadId: 'lead-3', fromQueue: true, rerouted: false })]);
    });

    it('drains it to a member who becomes eligible', () => {
      given(poolDecider, waiting)
        .when({ kind: 'ResumeMember', poolId: POOL, repId: 'rep-b', ...MONDAY })
        .thenEvents([
          { type: 'PoolMemberResumed', data: { poolId: POOL, repId: 'rep-b' } },
          assignedTo('rep-b', { leadId: 'lead-1', fromQueue: true, rerouted: false }),
        ]);
    });
  });

  describe('when every member passed a lead over', () => {
    // Daily caps of 1. lead-1 went to rep-a, then rep-b; both passed it over, so it waits.
    // lead-2 came when both were at their cap and waits behind it.
    const history = [created(), added('rep-a', 1, 1), added('rep-b', 1, 1)];
    const toA = [...history, ...run(history, [route('lead-1')])];
    const toB = [...toA, ...run(toA, [reroute('lead-1', ['rep-a'])])];
    const waiting = [...toB, ...run(toB, [reroute('lead-1', ['rep-a', 'rep-b']), route('lead-2')])];

    it('drains the lead behind it the next day, and leaves it waiting', () => {
      expect(waiting.slice(-2).map((e) => e.type)).toEqual(['PoolLeadQueued', 'PoolLeadQueued']);
      const drained = run(waiting, [{ kind: 'DrainQueue', poolId: POOL, ...TUESDAY }]);
      expect(drained.map((e) => [e.type, (e.data as { leadId?: string }).leadId])).toEqual([
        ['PoolLeadAssigned', 'lead-2'],
      ]);
    });
  });
});
