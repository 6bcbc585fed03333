import { given } from '@leadledger/kernel/testing';
import type { Refusal } from '@leadledger/kernel';
import type { CommissionPlan } from './commission-plan';
import { type DecidedHistory, type PublishPlanVersion, planBookDecider, planInEffect } from './plan-book.decider';
import type { CommissionPlanPublished } from './plan-book.events';

const plan = (overrides: Partial<CommissionPlan> = {}): CommissionPlan => ({
  planId: 'sales-2026',
  version: 1,
  effectiveFrom: '2026-10-01T00:00:00+08:00',
  currency: 'CNY',
  periodLength: 'month',
  timeZone: 'Asia/Shanghai',
  basis: 'booked',
  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
  amountBase: 'revenue',
  flatPerSaleMinor: null,
  newCustomerWindowDays: 90,
  finderShareBps: 3000,
  tiers: [{ aboveMinor: 5_000_000, multiplierBps: 15_000 }],
  capPerSaleMinor: null,
  clawbackWindowDays: 60,
  rounding: 'half-up',
  minimumPerSaleMinor: null,
  partnerFee: null,
  ...overrides,
});

const v1 = plan();
const v2 = plan({ version: 2, effectiveFrom: '2026-10-16T00:00:00+08:00', basis: 'collected' });
const published = (p: CommissionPlan): CommissionPlanPublished => ({
  type: 'CommissionPlanPublished',
  data: { plan: p },
});
const nothingDecided: DecidedHistory = { closedThrough: null, latestAccrual: null };
/** Published on 20 September 2026, before either version takes effect. */
const publish = (
  p: CommissionPlan,
  at = '2026-09-20T00:00:00.000Z',
  decided: DecidedHistory = nothingDecided,
): PublishPlanVersion => ({
  type: 'PublishPlanVersion',
  plan: p,
  at,
  decided,
});
/** An accrual of 15 October 2026 (Shanghai), posted to 2026-10. */
const accrual = {
  lineId: 'evt-sale-7:0',
  saleId: 'sale-7',
  occurredAt: '2026-10-15T10:00:00+08:00',
  period: '2026-10',
};

describe('plan book decider', () => {
  describe('when no plan is published', () => {
    it('publishes version 1', () => {
      given(planBookDecider)
        .when(publish(v1))
        .thenEvents([published(v1)]);
    });

    it('refuses version 2 first, saying there is no version yet', () => {
      given(planBookDecider)
        .when(publish(v2))
        .thenRefuses({ code: 'VersionNotNext', facts: { planId: 'sales-2026', latestVersion: null } });
    });

    it('publishes a plan taking effect at the very moment it is published', () => {
      given(planBookDecider)
        .when(publish(v1, '2026-09-30T16:00:00.000Z'))
        .thenEvents([published(v1)]);
    });

    it('publishes a plan taking effect in the past when nothing is decided (January loaded in November)', () => {
      const january = plan({ effectiveFrom: '2026-01-01T00:00:00+08:00' });
      given(planBookDecider)
        .when(publish(january, '2026-11-20T00:00:00.000Z'))
        .thenEvents([published(january)]);
    });

    it('publishes a past plan that takes effect after the last closed period and the last accrued line', () => {
      const fromSixteenth = plan({ effectiveFrom: '2026-10-16T00:00:00+08:00' });
      given(planBookDecider)
        .when(publish(fromSixteenth, '2026-11-20T00:00:00.000Z', { closedThrough: '2026-09', latestAccrual: accrual }))
        .thenEvents([published(fromSixteenth)]);
    });

    it('refuses a plan taking effect inside a closed period, naming it', () => {
      // v1 takes effect on 1 October (Shanghai); October is closed.
      given(planBookDecider)
        .when(publish(v1, '2026-11-20T00:00:00.000Z', { closedThrough: '2026-10', latestAccrual: null }))
        .thenRefuses({
          code: 'RetroactivePlan',
          facts: { effectiveFrom: '2026-10-01T00:00:00+08:00', closedPeriod: '2026-10' },
        });
    });

    it('refuses a plan taking effect before a closed period, even in the future of its publication', () => {
      given(planBookDecider)
        .when(publish(v1, '2026-09-20T00:00:00.000Z', { closedThrough: '2026-12', latestAccrual: null }))
        .thenRefuses({
          code: 'RetroactivePlan',
          facts: { effectiveFrom: '2026-10-01T00:00:00+08:00', closedPeriod: '2026-12' },
        });
    });

    it('judges the closed period on the plan calendar: 1 October 00:00 Shanghai is still September in UTC', () => {
      const utc = plan({ timeZone: 'UTC', effectiveFrom: '2026-10-01T00:00:00+08:00' });
      given(planBookDecider)
        .when(publish(utc, '2026-11-20T00:00:00.000Z', { closedThrough: '2026-09', latestAccrual: null }))
        .thenRefuses({
          code: 'RetroactivePlan',
          facts: { effectiveFrom: '2026-10-01T00:00:00+08:00', closedPeriod: '2026-09' },
        });
    });

    it('refuses a plan taking effect at or before an accrued line, naming the line', () => {
      given(planBookDecider)
        .when(publish(v1, '2026-11-20T00:00:00.000Z', { closedThrough: null, latestAccrual: accrual }))
        .thenRefuses({
          code: 'RetroactivePlan',
          facts: { effectiveFrom: '2026-10-01T00:00:00+08:00', accruedLine: accrual },
        });
      const atTheLine = plan({ effectiveFrom: '2026-10-15T02:00:00Z' });
      given(planBookDecider)
        .when(publish(atTheLine, '2026-11-20T00:00:00.000Z', { closedThrough: null, latestAccrual: accrual }))
        .thenRefuses({
          code: 'RetroactivePlan',
          facts: { effectiveFrom: '2026-10-15T02:00:00Z', accruedLine: accrual },
        });
    });

    it('publishes a plan taking effect one millisecond after the accrued line', () => {
      const after = plan({ effectiveFrom: '2026-10-15T02:00:00.001Z' });
      given(planBookDecider)
        .when(publish(after, '2026-11-20T00:00:00.000Z', { closedThrough: null, latestAccrual: accrual }))
        .thenEvents([published(after)]);
    });

    it('refuses a time that is not an instant', () => {
      given(planBookDecider).when(publish(v1, 'yesterday')).thenRefuses({ code: 'InvalidTime' });
    });
  });

  describe('when version 1 is published', () => {
    it('publishes version 2 taking effect later', () => {
      given(planBookDecider, [published(v1)])
        .when(publish(v2))
        .thenEvents([published(v2)]);
    });

    it('refuses version 3 next, naming the latest version', () => {
      given(planBookDecider, [published(v1)])
        .when(publish({ ...v2, version: 3 }))
        .thenRefuses({ code: 'VersionNotNext', facts: { planId: 'sales-2026', latestVersion: 1 } });
    });

    it('changes nothing when the same version 1 is published again, whatever the key order', () => {
      const reordered = Object.fromEntries(Object.entries(v1).reverse()) as unknown as CommissionPlan;
      given(planBookDecider, [published(v1)])
        .when(publish(reordered, '2026-11-01T00:00:00.000Z'))
        .thenEvents([]);
    });

    it('refuses a different version 1, showing the one published', () => {
      given(planBookDecider, [published(v1)])
        .when(publish({ ...v1, tiers: [{ aboveMinor: 5_000_000, multiplierBps: 20_000 }] }))
        .thenRefuses({ code: 'VersionAlreadyPublished', facts: { plan: v1 } });
    });

    it('refuses version 2 taking effect at the same instant as version 1, written in another zone', () => {
      given(planBookDecider, [published(v1)])
        .when(publish({ ...v2, effectiveFrom: '2026-09-30T16:00:00Z' }))
        .thenRefuses({ code: 'NotAfterLatestPlan', facts: { latestEffectiveFrom: '2026-10-01T00:00:00+08:00' } });
    });

    it('refuses a first version of another plan that takes effect before version 1', () => {
      given(planBookDecider, [published(v1)])
        .when(publish(plan({ planId: 'call-centre', effectiveFrom: '2026-09-25T00:00:00+08:00' })))
        .thenRefuses({ code: 'NotAfterLatestPlan', facts: { latestEffectiveFrom: '2026-10-01T00:00:00+08:00' } });
    });

    it('publishes a first version of another plan that takes effect after it', () => {
      const callCentre = plan({ planId: 'call-centre', effectiveFrom: '2026-11-01T00:00:00+08:00' });
      given(planBookDecider, [published(v1)])
        .when(publish(callCentre))
        .thenEvents([published(callCentre)]);
    });

    it.each([
      [{ periodLength: 'quarter' as const }],
      [{ timeZone: 'Asia/Tokyo' }],
      [{ planId: 'call-centre', version: 1, timeZone: 'UTC' }],
    ])('refuses a version that changes the period calendar (%j)', (change) => {
      given(planBookDecider, [published(v1)])
        .when(publish({ ...v2, ...change }))
        .thenRefuses({ code: 'PeriodCalendarChanged', facts: { periodLength: 'month', timeZone: 'Asia/Shanghai' } });
    });
  });

  describe('when versions 1 and 2 are published', () => {
    it('publishes version 3 on 1 November taking effect on 31 October when nothing after it is decided', () => {
      const v3 = plan({ version: 3, effectiveFrom: '2026-10-31T00:00:00+08:00' });
      given(planBookDecider, [published(v1), published(v2)])
        .when(publish(v3, '2026-11-01T00:00:00+08:00', { closedThrough: '2026-09', latestAccrual: accrual }))
        .thenEvents([published(v3)]);
    });

    it('refuses version 3 on 1 November taking effect on 31 October once October is closed', () => {
      given(planBookDecider, [published(v1), published(v2)])
        .when(
          publish(plan({ version: 3, effectiveFrom: '2026-10-31T00:00:00+08:00' }), '2026-11-01T00:00:00+08:00', {
            closedThrough: '2026-10',
            latestAccrual: null,
          }),
        )
        .thenRefuses({
          code: 'RetroactivePlan',
          facts: { effectiveFrom: '2026-10-31T00:00:00+08:00', closedPeriod: '2026-10' },
        });
    });

    it('refuses version 3 taking effect between them', () => {
      given(planBookDecider, [published(v1), published(v2)])
        .when(publish(plan({ version: 3, effectiveFrom: '2026-10-10T00:00:00+08:00' })))
        .thenRefuses({ code: 'NotAfterLatestPlan', facts: { latestEffectiveFrom: '2026-10-16T00:00:00+08:00' } });
    });
  });
});

describe('planInEffect', () => {
  const plans = [v1, v2];

  describe('when two versions are published', () => {
    it('has no plan before the first takes effect', () => {
      expect(planInEffect(plans, '2026-09-30T15:59:59.999Z')).toBeNull();
    });

    it('applies version 1 from the instant it takes effect, in any zone', () => {
      expect(planInEffect(plans, '2026-09-30T16:00:00Z')).toBe(v1);
    });

    it('applies version 1 up to the last moment before version 2', () => {
      expect(planInEffect(plans, '2026-10-15T23:59:59+08:00')).toBe(v1);
    });

    it('applies version 2 from its own start on', () => {
      expect(planInEffect(plans, '2026-10-16T00:00:00+08:00')).toBe(v2);
      expect(planInEffect(plans, '2027-03-01T00:00:00Z')).toBe(v2);
    });

    it('does not depend on the order of the list', () => {
      expect(planInEffect([v2, v1], '2026-10-20T00:00:00Z')).toBe(v2);
    });
  });

  describe('when no plan is published', () => {
    it('has no plan', () => {
      expect(planInEffect([], '2026-10-20T00:00:00Z')).toBeNull();
    });
  });
});

describe('plan book decider: a version published again', () => {
  it('is the same plan when the one sent has an unset (undefined) field the stored plan leaves out', () => {
    // The stored event is JSON, which drops undefined fields; the command may still carry them.
    const withUnset = { ...v1, note: undefined } as unknown as CommissionPlan;
    given(planBookDecider, [published(v1)])
      .when(publish(withUnset))
      .thenEvents([]);
  });

  it('is another plan when a tier is added', () => {
    const moreTiers = { ...v1, tiers: [...v1.tiers, { aboveMinor: 9_000_000, multiplierBps: 20_000 }] };
    given(planBookDecider, [published(v1)])
      .when(publish(moreTiers))
      .thenRefuses({ code: 'VersionAlreadyPublished', facts: { plan: v1 } });
  });
});

describe('plan book decider: what a refusal tells the manager publishing', () => {
  // The 409's `message` names the version, period, line or calendar at fault: what the manager reads.
  const messageOf = (history: CommissionPlanPublished[], command: PublishPlanVersion) =>
    (planBookDecider.decide(command, history.reduce(planBookDecider.evolve, planBookDecider.initialState)) as Refusal)
      .message;

  it.each([
    ['version 2 first', [], publish({ ...v1, version: 2 }), 'Version 2 of sales-2026 does not follow version none'],
    [
      'version 3 after 1',
      [published(v1)],
      publish({ ...v2, version: 3 }),
      'Version 3 of sales-2026 does not follow version 1',
    ],
    [
      'a plan under a closed period',
      [],
      publish(v1, undefined, { closedThrough: '2026-10', latestAccrual: null }),
      'Period 2026-10 is closed; a plan may not take effect in it or before',
    ],
    [
      'a plan under an accrued line',
      [],
      publish(v1, undefined, { closedThrough: null, latestAccrual: accrual }),
      'Line evt-sale-7:0 has accrued after 2026-10-01T00:00:00+08:00',
    ],
    [
      'a version not after the latest',
      [published(v1)],
      publish({ ...v2, effectiveFrom: v1.effectiveFrom }),
      'A plan must take effect after the latest published plan',
    ],
    [
      'another calendar',
      [published(v1)],
      publish({ ...v2, periodLength: 'quarter' }),
      'Payout periods stay months in Asia/Shanghai',
    ],
    [
      'a published version changed',
      [published(v1)],
      publish({ ...v1, basis: 'collected' }),
      'A published version never changes; publish a new version',
    ],
    ['a time that is not an instant', [], publish(v1, 'yesterday'), 'The times are not ISO 8601 instants'],
  ] as const)('refuses %s, saying so', (_case, history, command, message) => {
    expect(messageOf([...history], command)).toBe(message);
  });

  it('names both times when one is not an instant', () => {
    given(planBookDecider)
      .when(publish({ ...v1, effectiveFrom: 'soon' }))
      .thenRefuses({ code: 'InvalidTime', facts: { at: '2026-09-20T00:00:00.000Z', effectiveFrom: 'soon' } });
  });
});
