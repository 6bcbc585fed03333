import { given } from '@leadledger/kernel/testing';
import { poolDecider } from './pool.decider';
import {
  MONDAY,
  POOL,
  TUESDAY,
  added,
  assignedTo,
  candidate,
  created,
  paused,
  route,
  routeMany,
  run,
} from './pool.test-fixtures';

describe('pool decider: the unassigned queue', () => {
  describe('when the pool has no eligible member', () => {
    const history = [created(), added('rep-a', 1, 1), added('rep-b'), paused('rep-b')];
    const full = [...history, ...run(history, routeMany(1))];

    it('queues the lead and says why each member was passed over', () => {
      given(poolDecider, full)
        .when(route('lead-2'))
        .thenEvents([
          {
            type: 'PoolLeadQueued',
            data: {
              poolId: POOL,
              leadId: 'lead-2',
              ...MONDAY,
              passedOver: [],
              trace: {
                strategy: 'smooth-weighted-round-robin',
                policyVersion: 4,
                candidates: [
                  candidate('rep-a', 1, {
                    eligible: false,
                    skippedBecause: 'daily-cap',
                    assignedToday: 1,
                    assignedThisMonth: 1,
                    lastAssignment: 1,
                  }),
                  candidate('rep-b', 1, { eligible: false, skippedBecause: 'paused' }),
                ],
                rotationBefore: { 'rep-a': 0 },
                rotationAfter: { 'rep-a': 0 },
                chosen: null,
              },
            },
          },
        ]);
    });

    it('queues a lead even when the pool has no members at all', () => {
      given(poolDecider, [created()])
        .when(route('lead-1'))
        .thenEvents([{ type: 'PoolLeadQueued', data: expect.objectContaining({ leadId: 'lead-1' }) }]);
    });

    it('refuses a lead that is already waiting', () => {
      given(poolDecider, [...full, ...run(full, [route('lead-2')])])
        .when(route('lead-2'))
        .thenRefuses({ code: 'LeadAlreadyQueued', facts: { poolId: POOL, leadId: 'lead-2' } });
    });
  });

  describe('when leads wait in the queue', () => {
    const history = [created(), added('rep-a', 1, 1), added('rep-b'), paused('rep-b')];
    const queued = [...history, ...run(history, routeMany(3))]; // lead-1 to rep-a, lead-2 and lead-3 queued
    const onTuesday = { poolId: POOL, ...TUESDAY };

    it('a resumed member takes them, oldest first, in the same decision', () => {
      given(poolDecider, queued)
        .when({ kind: 'ResumeMember', poolId: POOL, repId: 'rep-b', ...MONDAY })
        .thenEvents([
          { type: 'PoolMemberResumed', data: { poolId: POOL, repId: 'rep-b' } },
          assignedTo('rep-b', { leadId: 'lead-2', fromQueue: true, sequence: 2 }),
          assignedTo('rep-b', { leadId: 'lead-3', fromQueue: true, sequence: 3 }),
        ]);
    });

    it('a new member takes them', () => {
      given(poolDecider, queued)
        .when({ kind: 'AddMember', poolId: POOL, repId: 'rep-c', weight: 1, dailyCap: 1, monthlyCap: null, ...MONDAY })
        .thenEvents([added('rep-c', 1, 1), assignedTo('rep-c', { leadId: 'lead-2', fromQueue: true })]);
    });

    it('a new day drains only as many as the caps allow', () => {
      given(poolDecider, queued)
        .when({ kind: 'DrainQueue', ...onTuesday })
        .thenEvents([assignedTo('rep-a', { leadId: 'lead-2', ...TUESDAY, fromQueue: true })]);
    });

    it('a weight change on a new day drains them too', () => {
      given(poolDecider, queued)
        .when({ kind: 'ChangeWeight', repId: 'rep-a', weight: 2, ...onTuesday })
        .thenEvents([
          { type: 'PoolMemberWeightChanged', data: { poolId: POOL, repId: 'rep-a', weight: 2 } },
          assignedTo('rep-a', { leadId: 'lead-2' }),
        ]);
    });

    it('draining while nobody is eligible changes nothing', () => {
      given(poolDecider, queued)
        .when({ kind: 'DrainQueue', poolId: POOL, ...MONDAY })
        .thenEvents([]);
    });

    it('a drained lead is not routed again', () => {
      const drained = [...queued, ...run(queued, [{ kind: 'DrainQueue', ...onTuesday }])];
      given(poolDecider, drained)
        .when(route('lead-2', TUESDAY))
        .thenRefuses({ code: 'LeadAlreadyRouted', facts: { poolId: POOL, leadId: 'lead-2', repId: 'rep-a' } });
    });
  });
});

describe('pool decider: queueing under least-assigned', () => {
  it('queues a lead when the only member reached the monthly cap, and the trace says so with the tallies unchanged', () => {
    const history = [created('least-assigned'), added('rep-a', 1, null, 1)];
    const queued = run(history, [route('lead-1'), route('lead-2')]).at(-1);
    expect(queued).toEqual({
      type: 'PoolLeadQueued',
      data: expect.objectContaining({
        leadId: 'lead-2',
        trace: expect.objectContaining({
          candidates: [expect.objectContaining({ repId: 'rep-a', eligible: false, skippedBecause: 'monthly-cap' })],
          rotationBefore: { 'rep-a': 1 },
          rotationAfter: { 'rep-a': 1 },
          chosen: null,
        }),
      }),
    });
  });
});
