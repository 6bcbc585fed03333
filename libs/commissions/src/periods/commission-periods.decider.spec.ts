import { given } from '@leadledger/kernel/testing';
import type { PeriodCalendar } from '../plan/commission-periods';
import { type AdjustCommission, type RunPayout, commissionPeriodsDecider } from './commission-periods.decider';
import type {
  CommissionAdjusted,
  CommissionPaidOut,
  CommissionPeriodsEvent,
  Payee,
  PeriodClosed,
} from './commission-periods.events';

const monthly: PeriodCalendar = { periodLength: 'month', timeZone: 'Asia/Shanghai' };
const quarterly: PeriodCalendar = { periodLength: 'quarter', timeZone: 'Asia/Shanghai' };
const repA: Payee = { kind: 'rep', id: 'rep-a' };
const repB: Payee = { kind: 'rep', id: 'rep-b' };
const partner: Payee = { kind: 'partner', id: 'agency-1' };

/** 2 November 2026, 10:00 in Shanghai: October has ended. */
const NOV_2 = '2026-11-02T02:00:00.000Z';

const run = (period: string, payouts: RunPayout['payouts'], at = NOV_2): RunPayout => ({
  type: 'RunPayout',
  payoutRunId: `payout-${period}`,
  period,
  calendar: monthly,
  payouts,
  ledgerPosition: '42',
  at,
});
const paid = (period: string, payee: Payee, currency: string, amount: number): CommissionPaidOut => ({
  type: 'CommissionPaidOut',
  data: { payoutRunId: `payout-${period}`, period, payee, currency, amount },
});
const closed = (period: string, totals: PeriodClosed['data']['totals'] = [], payeesPaid = 0): PeriodClosed => ({
  type: 'PeriodClosed',
  data: { payoutRunId: `payout-${period}`, period, ledgerPosition: '42', payeesPaid, totals },
});

const adjust = (overrides: Partial<AdjustCommission> = {}): AdjustCommission => ({
  type: 'AdjustCommission',
  adjustmentId: 'adj-1',
  payee: repB,
  currency: 'CNY',
  amount: 5_000,
  period: null,
  calendar: monthly,
  reason: 'missed exhibition bonus',
  reference: null,
  at: '2026-11-03T02:00:00.000Z',
  ...overrides,
});
const adjusted = (period: string, overrides: Partial<CommissionAdjusted['data']> = {}): CommissionAdjusted => ({
  type: 'CommissionAdjusted',
  data: {
    adjustmentId: 'adj-1',
    payee: repB,
    currency: 'CNY',
    amount: 5_000,
    period,
    reason: 'missed exhibition bonus',
    reference: null,
    ...overrides,
  },
});

const octoberClosed: CommissionPeriodsEvent[] = [closed('2026-10')];

describe('commission periods decider: payout runs', () => {
  describe('when no period is closed', () => {
    it('pays each payee in the given order, then closes the period with totals per currency', () => {
      const payouts = [
        { payee: repA, currency: 'USD', amount: 2_500 },
        { payee: repA, currency: 'CNY', amount: 1_144_000 },
        { payee: repB, currency: 'CNY', amount: 75_000 },
        { payee: partner, currency: 'CNY', amount: 36_000 },
      ];
      // CNY 1,144,000 + 75,000 + 36,000 = 1,255,000; USD 2,500. Three payees, rep-a in two currencies.
      given(commissionPeriodsDecider)
        .when(run('2026-10', payouts))
        .thenEvents([
          paid('2026-10', repA, 'USD', 2_500),
          paid('2026-10', repA, 'CNY', 1_144_000),
          paid('2026-10', repB, 'CNY', 75_000),
          paid('2026-10', partner, 'CNY', 36_000),
          closed(
            '2026-10',
            [
              { currency: 'CNY', amount: 1_255_000 },
              { currency: 'USD', amount: 2_500 },
            ],
            3,
          ),
        ]);
    });

    it('closes a period in which nobody is due anything', () => {
      given(commissionPeriodsDecider)
        .when(run('2026-10', []))
        .thenEvents([closed('2026-10')]);
    });

    it('pays October out from the first instant of November in Shanghai (16:00 UTC on 31 October)', () => {
      given(commissionPeriodsDecider)
        .when(run('2026-10', [], '2026-10-31T16:00:00.000Z'))
        .thenEvents([closed('2026-10')]);
    });

    it('refuses October in its last second in Shanghai', () => {
      given(commissionPeriodsDecider)
        .when(run('2026-10', [], '2026-10-31T15:59:59.000Z'))
        .thenRefuses({ code: 'PeriodNotEnded', facts: { period: '2026-10', currentPeriod: '2026-10' } });
    });

    it('refuses a period that has not begun', () => {
      given(commissionPeriodsDecider)
        .when(run('2026-12', []))
        .thenRefuses({ code: 'PeriodNotEnded', facts: { period: '2026-12', currentPeriod: '2026-11' } });
    });

    it.each(['2026-13', '2026-10-01', '2026-Q3', ''])('refuses %j as a month', (period) => {
      given(commissionPeriodsDecider)
        .when(run(period, []))
        .thenRefuses({ code: 'InvalidPeriod', facts: { period, periodLength: 'month' } });
    });

    it('pays a quarter out on a quarterly calendar once it has ended', () => {
      given(commissionPeriodsDecider)
        .when({ ...run('2026-Q3', []), calendar: quarterly })
        .thenEvents([closed('2026-Q3')]);
    });

    it.each([0, -5_000, 1.5, 2 ** 53])('refuses a payout of %j, naming it', (amount) => {
      const payouts = [
        { payee: repA, currency: 'CNY', amount: 1_000 },
        { payee: repB, currency: 'CNY', amount },
      ];
      given(commissionPeriodsDecider)
        .when(run('2026-10', payouts))
        .thenRefuses({ code: 'InvalidPayout', facts: { index: 1, payee: repB, currency: 'CNY', amount } });
    });

    it('refuses a payout in an unknown currency', () => {
      given(commissionPeriodsDecider)
        .when(run('2026-10', [{ payee: repA, currency: 'XYZ', amount: 1_000 }]))
        .thenRefuses({ code: 'InvalidPayout', facts: { index: 0, payee: repA, currency: 'XYZ', amount: 1_000 } });
    });

    it('refuses paying the same payee twice in one currency', () => {
      const payouts = [
        { payee: repA, currency: 'CNY', amount: 1_000 },
        { payee: { kind: 'rep' as const, id: 'rep-a' }, currency: 'CNY', amount: 1_000 },
      ];
      given(commissionPeriodsDecider)
        .when(run('2026-10', payouts))
        .thenRefuses({ code: 'InvalidPayout', facts: { index: 1, payee: repA, currency: 'CNY', amount: 1_000 } });
    });

    it('refuses a run whose currency total leaves the safe integers', () => {
      const payouts = [
        { payee: repA, currency: 'CNY', amount: Number.MAX_SAFE_INTEGER },
        { payee: repB, currency: 'CNY', amount: 1 },
      ];
      given(commissionPeriodsDecider)
        .when(run('2026-10', payouts))
        .thenRefuses({ code: 'InvalidPayout', facts: { currency: 'CNY' } });
    });
  });

  describe('when October is closed', () => {
    it('refuses a second run for October, naming the run that closed it', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when(run('2026-10', [{ payee: repA, currency: 'CNY', amount: 1_000 }]))
        .thenRefuses({
          code: 'PeriodAlreadyClosed',
          facts: { period: '2026-10', closedThrough: '2026-10', payoutRunId: 'payout-2026-10' },
        });
    });

    it('pays November out in December', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when(run('2026-11', [{ payee: repA, currency: 'CNY', amount: 1_000 }], '2026-12-01T00:00:00+08:00'))
        .thenEvents([paid('2026-11', repA, 'CNY', 1_000), closed('2026-11', [{ currency: 'CNY', amount: 1_000 }], 1)]);
    });

    it('refuses a run on a quarterly calendar: closed months and quarters do not compare', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when({ ...run('2026-Q4', [], '2027-01-02T00:00:00Z'), calendar: quarterly })
        .thenRefuses({ code: 'PeriodCalendarChanged', facts: { closedThrough: '2026-10', periodLength: 'quarter' } });
    });
  });

  describe('when August and then October were closed, September by the October run', () => {
    const history = [closed('2026-08'), closed('2026-10')];

    it.each([
      ['2026-07', 'payout-2026-08'],
      ['2026-08', 'payout-2026-08'],
      ['2026-09', 'payout-2026-10'],
      ['2026-10', 'payout-2026-10'],
    ])('refuses %s, naming %s', (period, payoutRunId) => {
      given(commissionPeriodsDecider, history)
        .when(run(period, []))
        .thenRefuses({ code: 'PeriodAlreadyClosed', facts: { period, closedThrough: '2026-10', payoutRunId } });
    });
  });
});

describe('commission periods decider: adjustments', () => {
  describe('when no period is closed', () => {
    it('posts to the period of `at` in the plan zone: 1 November 01:00 in Shanghai is November', () => {
      given(commissionPeriodsDecider)
        .when(adjust({ at: '2026-10-31T17:00:00.000Z' }))
        .thenEvents([adjusted('2026-11')]);
    });

    it('posts a negative amount to a named period, with its reference and the reason trimmed', () => {
      const command = adjust({ amount: -12_345, period: '2026-09', reference: 'sale-7', reason: '  duplicate order ' });
      given(commissionPeriodsDecider)
        .when(command)
        .thenEvents([adjusted('2026-09', { amount: -12_345, reference: 'sale-7', reason: 'duplicate order' })]);
    });

    it.each(['', '   '])('refuses the reason %j', (reason) => {
      given(commissionPeriodsDecider).when(adjust({ reason })).thenRefuses({ code: 'ReasonRequired' });
    });

    it.each([0, 0.5, 2 ** 53])('refuses the amount %j', (amount) => {
      given(commissionPeriodsDecider)
        .when(adjust({ amount }))
        .thenRefuses({ code: 'InvalidAmount', facts: { amount } });
    });

    it('refuses an unknown currency', () => {
      given(commissionPeriodsDecider)
        .when(adjust({ currency: 'XYZ' }))
        .thenRefuses({ code: 'UnknownCurrency', facts: { currency: 'XYZ' } });
    });

    it.each(['2026-Q4', '2026-00', 'November'])('refuses the period %j on a monthly calendar', (period) => {
      given(commissionPeriodsDecider)
        .when(adjust({ period }))
        .thenRefuses({ code: 'InvalidPeriod', facts: { period, periodLength: 'month' } });
    });
  });

  describe('when October is closed', () => {
    it('refuses October by name, pointing at November', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when(adjust({ period: '2026-10' }))
        .thenRefuses({
          code: 'PeriodClosed',
          facts: { period: '2026-10', closedThrough: '2026-10', earliestOpenPeriod: '2026-11' },
        });
    });

    it('refuses September too: every period up to October is closed', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when(adjust({ period: '2026-09' }))
        .thenRefuses({
          code: 'PeriodClosed',
          facts: { period: '2026-09', closedThrough: '2026-10', earliestOpenPeriod: '2026-11' },
        });
    });

    it('posts an adjustment made on 31 October (Shanghai) without a period to November', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when(adjust({ at: '2026-10-31T10:00:00.000Z' }))
        .thenEvents([adjusted('2026-11')]);
    });

    it('posts to a later open period by name', () => {
      given(commissionPeriodsDecider, octoberClosed)
        .when(adjust({ period: '2026-12' }))
        .thenEvents([adjusted('2026-12')]);
    });
  });

  describe('when the adjustment was already posted to October, since closed', () => {
    it('changes nothing when it arrives again', () => {
      given(commissionPeriodsDecider, [adjusted('2026-10'), closed('2026-10')])
        .when(adjust({ period: '2026-10' }))
        .thenEvents([]);
    });

    it('posts another adjustment to November', () => {
      given(commissionPeriodsDecider, [adjusted('2026-10'), closed('2026-10')])
        .when(adjust({ adjustmentId: 'adj-2' }))
        .thenEvents([adjusted('2026-11', { adjustmentId: 'adj-2' })]);
    });
  });
});
