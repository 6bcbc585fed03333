import { given } from '@leadledger/kernel/testing';
import { dailyClaimsDecider, holdingCapReached, sharedPoolDecider } from './shared-pool.decider';
import type { DailyClaimsEvent } from './shared-pool.events';
import { nextDay, startOfBusinessDay } from './start-of-business-day';

const rules = { claimsPerDay: 2, reclaimCoolDownDays: 7, maxCustomersPerRep: 50 };
const count = (customerId: string) =>
  ({
    kind: 'CountClaim',
    repId: 'rep-li',
    day: '2026-11-02',
    customerId,
    limit: 2,
    policyVersion: 1,
    resetsAt: '2026-11-02T16:00:00.000Z',
  }) as const;
const counted = (customerId: string): DailyClaimsEvent => ({
  type: 'ClaimCounted',
  data: { repId: 'rep-li', day: '2026-11-02', customerId, policyVersion: 1 },
});

describe('shared pool (公海) claim rules', () => {
  describe('when no rules were published', () => {
    it('publishes version 1', () => {
      given(sharedPoolDecider)
        .when({ kind: 'ChangeClaimRules', rules })
        .thenEvents([{ type: 'SharedPoolRulesChanged', data: { ...rules, policyVersion: 1 } }]);
    });

    it('refuses a limit that is not a whole number of at least 1, naming it', () => {
      given(sharedPoolDecider)
        .when({ kind: 'ChangeClaimRules', rules: { ...rules, claimsPerDay: 0 } })
        .thenRefuses({ code: 'InvalidClaimRules', facts: { field: 'claimsPerDay', value: 0 } });
    });
  });

  describe('when rules are in force', () => {
    const published = { type: 'SharedPoolRulesChanged', data: { ...rules, policyVersion: 1 } } as const;
    it('a change is the next version; the same rules again change nothing', () => {
      given(sharedPoolDecider, [published])
        .when({ kind: 'ChangeClaimRules', rules: { ...rules, claimsPerDay: null } })
        .thenEvents([{ type: 'SharedPoolRulesChanged', data: { ...rules, claimsPerDay: null, policyVersion: 2 } }]);
      given(sharedPoolDecider, [published]).when({ kind: 'ChangeClaimRules', rules }).thenEvents([]);
    });
  });
});

describe('one rep’s claims on one day', () => {
  describe('when under the daily limit', () => {
    it('counts the claim', () => {
      given(dailyClaimsDecider, [counted('c-1')])
        .when(count('c-2'))
        .thenEvents([counted('c-2')]);
    });
  });

  describe('when the limit is reached', () => {
    it('refuses, saying which rule, the limit and when it resets', () => {
      given(dailyClaimsDecider, [counted('c-1'), counted('c-2')])
        .when(count('c-3'))
        .thenRefuses({
          code: 'DailyClaimLimitReached',
          facts: {
            rule: 'claimsPerDay',
            limit: 2,
            claimedToday: 2,
            resetsAt: '2026-11-02T16:00:00.000Z',
            policyVersion: 1,
          },
        });
    });

    it('counts a retried claim of the same customer once', () => {
      given(dailyClaimsDecider, [counted('c-1'), counted('c-2')])
        .when(count('c-2'))
        .thenEvents([]);
    });

    it('frees a slot when a counted claim is given back', () => {
      const back: DailyClaimsEvent = {
        type: 'ClaimUncounted',
        data: { repId: 'rep-li', day: '2026-11-02', customerId: 'c-2' },
      };
      given(dailyClaimsDecider, [counted('c-1'), counted('c-2'), back])
        .when(count('c-3'))
        .thenEvents([counted('c-3')]);
    });
  });

  describe('the holding cap (保有量上限)', () => {
    it('refuses a rep holding as many as the cap, and lets one below it claim', () => {
      expect(holdingCapReached(50, rules, 1)).toMatchObject({
        code: 'CustomerHoldingCapReached',
        facts: { rule: 'maxCustomersPerRep', limit: 50, held: 50, resetsAt: null },
      });
      expect(holdingCapReached(49, rules, 1)).toBeNull();
      expect(holdingCapReached(10_000, { ...rules, maxCustomersPerRep: null }, 1)).toBeNull();
    });
  });
});

describe('start of a business day', () => {
  it('is local midnight in the zone', () => {
    expect(startOfBusinessDay('2026-03-11', 'Asia/Shanghai')).toBe('2026-03-10T16:00:00.000Z');
    expect(startOfBusinessDay('2026-03-11', 'UTC')).toBe('2026-03-11T00:00:00.000Z');
    expect(startOfBusinessDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('shared pool (公海) claim rules: the allowed ranges', () => {
  it('accepts the least of each: one claim a day, no cool-down, one customer held', () => {
    const least = { claimsPerDay: 1, reclaimCoolDownDays: 0, maxCustomersPerRep: 1 };
    given(sharedPoolDecider)
      .when({ kind: 'ChangeClaimRules', rules: least })
      .thenEvents([{ type: 'SharedPoolRulesChanged', data: { ...least, policyVersion: 1 } }]);
  });

  it.each([
    ['reclaimCoolDownDays', -1],
    ['reclaimCoolDownDays', 1.5],
    ['maxCustomersPerRep', 0],
    ['maxCustomersPerRep', 2.5],
  ])('refuses %s of %j, naming it', (field, value) => {
    given(sharedPoolDecider)
      .when({ kind: 'ChangeClaimRules', rules: { ...rules, [field]: value } })
      .thenRefuses({ code: 'InvalidClaimRules', facts: { field, value } });
  });

  it('tells the manager which field is out of range', () => {
    // The 409's message is what the manager reads.
    expect(
      sharedPoolDecider.decide(
        { kind: 'ChangeClaimRules', rules: { ...rules, claimsPerDay: 0 } },
        sharedPoolDecider.initialState,
      ),
    ).toMatchObject({ message: 'claimsPerDay must be a whole number in range' });
  });
});

describe('one rep’s claims on one day: without a limit and given back', () => {
  const uncount = (customerId: string) =>
    ({ kind: 'UncountClaim', repId: 'rep-li', day: '2026-11-02', customerId }) as const;
  const uncounted = (customerId: string): DailyClaimsEvent => ({
    type: 'ClaimUncounted',
    data: { repId: 'rep-li', day: '2026-11-02', customerId },
  });

  it('counts any number of claims when the rules set no daily limit', () => {
    given(dailyClaimsDecider, [counted('c-1'), counted('c-2'), counted('c-3')])
      .when({ ...count('c-4'), limit: null })
      .thenEvents([counted('c-4')]);
  });

  it('gives back a counted claim', () => {
    given(dailyClaimsDecider, [counted('c-1')])
      .when(uncount('c-1'))
      .thenEvents([uncounted('c-1')]);
  });

  it('gives back nothing for a claim that was not counted', () => {
    given(dailyClaimsDecider, [counted('c-1')])
      .when(uncount('c-2'))
      .thenEvents([]);
  });

  it('keeps the other claims counted when one is given back', () => {
    // c-1 and c-2 counted, c-1 given back: c-2 still counts (a retry of it is not a new claim) ...
    const history = [counted('c-1'), counted('c-2'), uncounted('c-1')];
    given(dailyClaimsDecider, history).when(count('c-2')).thenEvents([]);
    // ... so after c-3 the limit of 2 is reached again.
    given(dailyClaimsDecider, [...history, counted('c-3')])
      .when(count('c-4'))
      .thenRefuses({ code: 'DailyClaimLimitReached', facts: expect.objectContaining({ claimedToday: 2 }) });
  });

  it('says the day’s claims are used up, and that the cap is reached, in words a rep reads', () => {
    expect(dailyClaimsDecider.decide(count('c-3'), { counted: ['c-1', 'c-2'] })).toMatchObject({
      message: 'This rep has made all the claims the shared pool allows today',
    });
    expect(holdingCapReached(50, rules, 1)).toMatchObject({
      message: 'This rep already holds as many customers as the shared pool allows',
    });
  });
});
