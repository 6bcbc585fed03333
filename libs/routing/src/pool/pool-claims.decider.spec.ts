import { given } from '@leadledger/kernel/testing';
import { poolDecider } from './pool.decider';
import { poolView } from './pool-view';
import type { PoolEvent } from './pool.events';
import { MONDAY, POOL, added, claim, created, paused, route, routeMany, run, withdraw } from './pool.test-fixtures';

const fold = (events: readonly PoolEvent[]) => events.reduce(poolDecider.evolve, poolDecider.initialState);

describe('pool decider: claiming and withdrawing queued leads', () => {
  const history = [created(), added('rep-a', 1, 1), added('rep-b'), paused('rep-b')];
  // lead-1 to rep-a (now at its daily cap); lead-2 and lead-3 wait.
  const queued = [...history, ...run(history, routeMany(3))];

  describe('when the lead waits in the queue', () => {
    it('gives it to the first rep who claims it, member or not', () => {
      given(poolDecider, queued)
        .when(claim('lead-2', 'rep-zhao'))
        .thenEvents([{ type: 'PoolQueuedLeadClaimed', data: { poolId: POOL, leadId: 'lead-2', repId: 'rep-zhao' } }]);
    });

    it('refuses the second claim, naming who won', () => {
      const claimed = [...queued, ...run(queued, [claim('lead-2', 'rep-zhao')])];
      given(poolDecider, claimed)
        .when(claim('lead-2', 'rep-a'))
        .thenRefuses({ code: 'LeadNotQueued', facts: { poolId: POOL, leadId: 'lead-2', assignedTo: 'rep-zhao' } });
      given(poolDecider, claimed)
        .when(route('lead-2'))
        .thenRefuses({ code: 'LeadAlreadyRouted', facts: { poolId: POOL, leadId: 'lead-2', repId: 'rep-zhao' } });
    });

    it('takes a claimed lead out of the queue and moves neither the rotation nor the day counts', () => {
      const members = [created(), added('rep-a', 1, 1), added('rep-b', 1, 1)];
      const waiting = [...members, ...run(members, routeMany(3))]; // one each, then lead-3 waits
      const before = poolView(fold(waiting), MONDAY);
      const after = poolView(fold([...waiting, ...run(waiting, [claim('lead-3', 'rep-a')])]), MONDAY);
      expect(before?.queuedLeads).toEqual([{ leadId: 'lead-3', passedOver: [] }]);
      expect(after).toEqual({ ...before, queuedLeads: [] });
    });

    it('withdraws a disqualified lead, which is then never drained to anyone', () => {
      given(poolDecider, queued)
        .when(withdraw('lead-2', 'disqualified: spam'))
        .thenEvents([
          { type: 'PoolQueuedLeadWithdrawn', data: { poolId: POOL, leadId: 'lead-2', reason: 'disqualified: spam' } },
        ]);
      const withdrawn = [...queued, ...run(queued, [withdraw('lead-2')])];
      const resumed = run(withdrawn, [{ kind: 'ResumeMember', poolId: POOL, repId: 'rep-b', ...MONDAY }]);
      expect(resumed.flatMap((e) => (e.type === 'PoolLeadAssigned' ? [e.data.leadId] : []))).toEqual(['lead-3']);
    });
  });

  describe('when the lead does not wait in the queue', () => {
    it('refuses a claim on a lead the rotation assigned, naming the rep', () => {
      given(poolDecider, queued)
        .when(claim('lead-1', 'rep-zhao'))
        .thenRefuses({ code: 'LeadNotQueued', facts: { poolId: POOL, leadId: 'lead-1', assignedTo: 'rep-a' } });
    });

    it('refuses a claim on a lead the pool never saw', () => {
      given(poolDecider, queued)
        .when(claim('lead-404', 'rep-zhao'))
        .thenRefuses({ code: 'LeadNotQueued', facts: { poolId: POOL, leadId: 'lead-404', assignedTo: null } });
    });

    it('withdraws nothing, so a repeated withdrawal is harmless', () => {
      const withdrawn = [...queued, ...run(queued, [withdraw('lead-2')])];
      given(poolDecider, withdrawn).when(withdraw('lead-2')).thenEvents([]);
      given(poolDecider, queued).when(withdraw('lead-1')).thenEvents([]);
    });

    it('refuses both on a pool that does not exist', () => {
      given(poolDecider)
        .when(claim('lead-1', 'rep-a'))
        .thenRefuses({ code: 'PoolNotFound', facts: { poolId: POOL } });
      given(poolDecider)
        .when(withdraw('lead-1'))
        .thenRefuses({ code: 'PoolNotFound', facts: { poolId: POOL } });
    });
  });
});
