import { given } from '@leadledger/kernel/testing';
import type { CreatePool } from './pool.commands';
import { poolDecider } from './pool.decider';
import { MONDAY, POOL, added, created, paused } from './pool.test-fixtures';

const create: CreatePool = {
  kind: 'CreatePool',
  poolId: POOL,
  name: ' Inbound East ',
  strategy: 'smooth-weighted-round-robin',
  acceptanceSlaMinutes: 30,
  protectionDays: 30,
  protectionWarningDays: 5,
};
const addRep = {
  kind: 'AddMember',
  poolId: POOL,
  repId: 'rep-a',
  weight: 2,
  dailyCap: 5,
  monthlyCap: null,
  ...MONDAY,
} as const;
const member = (kind: 'PauseMember' | 'ResumeMember', repId = 'rep-a') =>
  kind === 'PauseMember'
    ? ({ kind, poolId: POOL, repId, reason: 'out of office' } as const)
    : ({ kind, poolId: POOL, repId, ...MONDAY } as const);

describe('pool decider: configuration', () => {
  describe('when the pool does not exist', () => {
    it('creates it with its strategy, SLA and protection settings', () => {
      given(poolDecider).when(create).thenEvents([created()]);
    });

    it.each([
      ['name', { name: '  ' }, '  ', 'name must not be blank'],
      [
        'acceptanceSlaMinutes',
        { acceptanceSlaMinutes: 0 },
        0,
        'acceptanceSlaMinutes must be a whole number of minutes, at least 1',
      ],
      ['protectionDays', { protectionDays: 1.5 }, 1.5, 'protectionDays must be a whole number of days, at least 1'],
      [
        'protectionWarningDays',
        { protectionWarningDays: 30 },
        30,
        'protectionWarningDays must be a whole number of days, at least 0 and fewer than protectionDays',
      ],
    ])('refuses an invalid %s, saying what it must be', (field, change, value, message) => {
      given(poolDecider)
        .when({ ...create, ...change })
        .thenRefuses({ code: 'InvalidPoolSettings', facts: { field, value } });
      // The manager who set it reads the message (the 409's `message`): it is the only statement of the rule.
      expect(poolDecider.decide({ ...create, ...change }, poolDecider.initialState)).toMatchObject({ message });
    });

    it('refuses every other command, naming the pool', () => {
      given(poolDecider)
        .when(addRep)
        .thenRefuses({ code: 'PoolNotFound', facts: { poolId: POOL } });
      given(poolDecider)
        .when({ kind: 'RouteLead', poolId: POOL, leadId: 'lead-1', ...MONDAY })
        .thenRefuses({ code: 'PoolNotFound', facts: { poolId: POOL } });
    });
  });

  describe('when the pool exists', () => {
    it('refuses to create it again', () => {
      given(poolDecider, [created()])
        .when(create)
        .thenRefuses({ code: 'PoolAlreadyExists', facts: { poolId: POOL } });
    });

    it('adds a member with a weight and caps', () => {
      given(poolDecider, [created()])
        .when(addRep)
        .thenEvents([added('rep-a', 2, 5, null)]);
    });

    it.each([0, 101, 1.5])('refuses the weight %p', (weight) => {
      given(poolDecider, [created()])
        .when({ ...addRep, weight })
        .thenRefuses({ code: 'InvalidWeight', facts: { repId: 'rep-a', weight } });
      const state = [created()].reduce(poolDecider.evolve, poolDecider.initialState);
      expect(poolDecider.decide({ ...addRep, weight }, state)).toMatchObject({
        message: 'A weight is a whole number from 1 to 100',
      });
    });

    it('adds a member with the largest weight, 100', () => {
      given(poolDecider, [created()])
        .when({ ...addRep, weight: 100 })
        .thenEvents([added('rep-a', 100, 5, null)]);
    });

    it.each([0, -1, 2.5])('refuses the cap %p', (cap) => {
      given(poolDecider, [created()])
        .when({ ...addRep, monthlyCap: cap })
        .thenRefuses({ code: 'InvalidCap', facts: { repId: 'rep-a', dailyCap: 5, monthlyCap: cap } });
    });

    it('refuses a month that is not the month of the day', () => {
      given(poolDecider, [created()])
        .when({ ...addRep, month: '2026-04' })
        .thenRefuses({ code: 'InvalidBusinessDay', facts: { day: MONDAY.day, month: '2026-04' } });
    });

    it.each([
      ['an instant', `${MONDAY.day}T09:00:00Z`, MONDAY.month],
      ['a five-digit year', `0${MONDAY.day}`, `0${MONDAY.day}`.slice(0, 7)],
    ])('refuses a day that is not exactly YYYY-MM-DD: %s', (_what, day, month) => {
      given(poolDecider, [created()])
        .when({ ...addRep, day, month })
        .thenRefuses({ code: 'InvalidBusinessDay', facts: { day, month } });
    });

    it('refuses to change a rep who is not a member', () => {
      given(poolDecider, [created()])
        .when(member('PauseMember', 'rep-x'))
        .thenRefuses({ code: 'MemberNotInPool', facts: { poolId: POOL, repId: 'rep-x' } });
    });
  });

  describe('when a rep is a member', () => {
    const history = [created(), added('rep-a', 2, 5)];

    it('refuses to add the rep twice', () => {
      given(poolDecider, history)
        .when(addRep)
        .thenRefuses({ code: 'MemberAlreadyInPool', facts: { poolId: POOL, repId: 'rep-a' } });
    });

    it('removes a departed rep', () => {
      given(poolDecider, history)
        .when({ kind: 'RemoveMember', poolId: POOL, repId: 'rep-a', reason: 'departed' })
        .thenEvents([{ type: 'PoolMemberRemoved', data: { poolId: POOL, repId: 'rep-a', reason: 'departed' } }]);
    });

    it('pauses the member with the reason', () => {
      given(poolDecider, history)
        .when(member('PauseMember'))
        .thenEvents([paused('rep-a', 'out of office')]);
    });

    it('refuses to resume a member who is not paused', () => {
      given(poolDecider, history)
        .when(member('ResumeMember'))
        .thenRefuses({ code: 'MemberNotPaused', facts: { poolId: POOL, repId: 'rep-a' } });
    });

    it('changes the weight', () => {
      given(poolDecider, history)
        .when({ kind: 'ChangeWeight', poolId: POOL, repId: 'rep-a', weight: 3, ...MONDAY })
        .thenEvents([{ type: 'PoolMemberWeightChanged', data: { poolId: POOL, repId: 'rep-a', weight: 3 } }]);
    });

    it('refuses a weight change out of range', () => {
      given(poolDecider, history)
        .when({ kind: 'ChangeWeight', poolId: POOL, repId: 'rep-a', weight: 0, ...MONDAY })
        .thenRefuses({ code: 'InvalidWeight', facts: { repId: 'rep-a', weight: 0 } });
    });

    it('changes the caps, and refuses a zero cap', () => {
      const change = {
        kind: 'ChangeCaps',
        poolId: POOL,
        repId: 'rep-a',
        dailyCap: null,
        monthlyCap: 40,
        ...MONDAY,
      } as const;
      given(poolDecider, history)
        .when(change)
        .thenEvents([
          { type: 'PoolMemberCapsChanged', data: { poolId: POOL, repId: 'rep-a', dailyCap: null, monthlyCap: 40 } },
        ]);
      given(poolDecider, history)
        .when({ ...change, dailyCap: 0 })
        .thenRefuses({ code: 'InvalidCap', facts: { repId: 'rep-a', dailyCap: 0, monthlyCap: 40 } });
    });
  });

  describe('when the member is paused', () => {
    const history = [created(), added('rep-a'), paused('rep-a', 'leave')];

    it('refuses to pause again, saying why it is paused', () => {
      given(poolDecider, history)
        .when(member('PauseMember'))
        .thenRefuses({ code: 'MemberAlreadyPaused', facts: { poolId: POOL, repId: 'rep-a', reason: 'leave' } });
    });

    it('resumes the member', () => {
      given(poolDecider, history)
        .when(member('ResumeMember'))
        .thenEvents([{ type: 'PoolMemberResumed', data: { poolId: POOL, repId: 'rep-a' } }]);
    });
  });
});
