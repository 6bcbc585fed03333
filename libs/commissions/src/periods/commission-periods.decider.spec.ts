import { given } from '@leadledger/kernel/testing';
import type { Refusal } from '@leadledger/kernel';
import type { PeriodCalendar } from '../plan/commission-periods';
import {
  type AdjustCommission,
  RECENT_ADJUSTMENTS,
  type RunPayout,
  commissionPeriodsDecider,
  recordedAdjustment,
} from './commission-periods.decider';
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
  planCurrencies: ['CNY'],
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

    it('refuses a currency no published plan pays in: it would be paid out with no plan behind it', () => {
      given(commissionPeriodsDecider)
        .when(adjust({ currency: 'JPY', planCurrencies: ['CNY', 'USD'] }))
        .thenRefuses({ code: 'CurrencyNotInPlan', facts: { currency: 'JPY', planCurrencies: ['CNY', 'USD'] } });
      given(commissionPeriodsDecider)
        .when(adjust({ currency: 'USD', planCurrencies: ['CNY', 'USD'] }))
        .thenEvents([adjusted('2026-11', { currency: 'USD' })]);
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

describe('commission periods decider: a repeated adjustment id among the recent adjustments', () => {
  // adj-1 first, then `after` other adjustments (adj-other-1 … adj-other-<after>).
  const history = (after: number): CommissionAdjusted[] => [
    adjusted('2026-11'),
    ...Array.from({ length: after }, (_, i) => adjusted('2026-11', { adjustmentId: `adj-other-${i + 1}` })),
  ];

  it('is recognised while it is one of the latest 1,000 (999 others came after it)', () => {
    expect(RECENT_ADJUSTMENTS).toBe(1000);
    given(commissionPeriodsDecider, history(RECENT_ADJUSTMENTS - 1))
      .when(adjust())
      .thenEvents([]);
  });

  it('is posted again once 1,000 others came after it: the state keeps only the latest 1,000', () => {
    given(commissionPeriodsDecider, history(RECENT_ADJUSTMENTS))
      .when(adjust())
      .thenEvents([adjusted('2026-11')]);
  });

  it('keeps the recorded adjustment for the caller to answer the repeat with', () => {
    const state = history(2).reduce(commissionPeriodsDecider.evolve, commissionPeriodsDecider.initialState);
    expect(recordedAdjustment(state, 'adj-1')).toEqual(adjusted('2026-11').data);
    expect(recordedAdjustment(state, 'adj-other-2')?.adjustmentId).toBe('adj-other-2');
    expect(recordedAdjustment(state, 'adj-unknown')).toBeUndefined();
    expect(state.recentAdjustments).toHaveLength(3);
  });
});

describe('commission periods decider: what a refusal tells finance', () => {
  // The 409's `message` is what finance reads; several refusals share a code (four kinds of
  // InvalidPayout), so the message is the only place that says which problem it is and what to
  // send instead.
  const messageOf = (history: CommissionPeriodsEvent[], command: RunPayout | AdjustCommission) =>
    (commissionPeriodsDecider.decide(command, history.reduce(evolve, commissionPeriodsDecider.initialState)) as Refusal)
      .message;
  const evolve = commissionPeriodsDecider.evolve;

  it.each([
    ['a month that is not one', [], run('2026-13', []), 'Not a month such as 2026-11'],
    ['a quarter that is not one', [], { ...run('2026-10', []), calendar: quarterly }, 'Not a quarter such as 2026-Q4'],
    [
      'a quarterly run after months were closed',
      octoberClosed,
      { ...run('2026-Q4', [], '2027-01-02T00:00:00Z'), calendar: quarterly },
      'Periods were closed on another calendar than quarters',
    ],
    [
      'a payout of zero',
      [],
      run('2026-10', [{ payee: repA, currency: 'CNY', amount: 0 }]),
      'Payout 0: the amount is not a positive whole number of minor units',
    ],
    [
      'a payout in an unknown currency',
      [],
      run('2026-10', [{ payee: repA, currency: 'XYZ', amount: 1 }]),
      'Payout 0: the currency is unknown',
    ],
    [
      'a payee paid twice',
      [],
      run('2026-10', [
        { payee: repA, currency: 'CNY', amount: 1 },
        { payee: repA, currency: 'CNY', amount: 2 },
      ]),
      'Payout 1: the payee is paid twice in this currency',
    ],
    [
      'a currency total beyond the safe integers',
      [],
      run('2026-10', [
        { payee: repA, currency: 'CNY', amount: Number.MAX_SAFE_INTEGER },
        { payee: repB, currency: 'CNY', amount: 1 },
      ]),
      'The CNY total is too large',
    ],
    ['a period not yet ended', [], run('2026-11', []), 'A period is paid out only once it has ended'],
    ['a closed period run again', octoberClosed, run('2026-10', []), '2026-10 is already closed'],
    ['an adjustment without a reason', [], adjust({ reason: ' ' }), 'An adjustment needs a reason'],
    ['an adjustment of zero', [], adjust({ amount: 0 }), 'The amount must be a non-zero whole number of minor units'],
    ['an adjustment in an unknown currency', [], adjust({ currency: 'XYZ' }), 'Unknown currency XYZ'],
    [
      'an adjustment to a closed period',
      octoberClosed,
      adjust({ period: '2026-10' }),
      '2026-10 is closed; post the adjustment to an open period',
    ],
  ] as const)('refuses %s, saying so', (_case, history, command, message) => {
    expect(messageOf([...history], command)).toBe(message);
  });
});

describe('commission periods decider: times that are not instants', () => {
  it.each(['yesterday', ''])('refuses a payout run at %j', (at) => {
    given(commissionPeriodsDecider)
      .when(run('2026-10', [], at))
      .thenRefuses({ code: 'InvalidTime', facts: { at } });
  });

  it('refuses an adjustment at a time that is not an instant', () => {
    given(commissionPeriodsDecider)
      .when(adjust({ at: 'last Tuesday' }))
      .thenRefuses({ code: 'InvalidTime', facts: { at: 'last Tuesday' } });
  });
});

describe('commission periods decider: totals per currency', () => {
  it('lists the totals in currency order whatever order the payees come in', () => {
    const payouts = [
      { payee: repA, currency: 'USD', amount: 300 },
      { payee: repB, currency: 'CNY', amount: 100 },
      { payee: partner, currency: 'EUR', amount: 200 },
    ];
    // One payee per currency: CNY 100, EUR 200, USD 300, sorted by code.
    given(commissionPeriodsDecider)
      .when(run('2026-10', payouts))
      .thenEvents([
        paid('2026-10', repA, 'USD', 300),
        paid('2026-10', repB, 'CNY', 100),
        paid('2026-10', partner, 'EUR', 200),
        closed(
          '2026-10',
          [
            { currency: 'CNY', amount: 100 },
            { currency: 'EUR', amount: 200 },
            { currency: 'USD', amount: 300 },
          ],
          3,
        ),
      ]);
  });

  it('accepts a currency total of exactly the largest safe integer', () => {
    const payouts = [
      { payee: repA, currency: 'CNY', amount: Number.MAX_SAFE_INTEGER - 1 },
      { payee: repB, currency: 'CNY', amount: 1 },
    ];
    // (2^53 - 2) + 1 = 2^53 - 1 = Number.MAX_SAFE_INTEGER: still exact, so the run goes ahead.
    given(commissionPeriodsDecider)
      .when(run('2026-10', payouts))
      .thenEvents([
        paid('2026-10', repA, 'CNY', Number.MAX_SAFE_INTEGER - 1),
        paid('2026-10', repB, 'CNY', 1),
        closed('2026-10', [{ currency: 'CNY', amount: Number.MAX_SAFE_INTEGER }], 2),
      ]);
  });
});

describe('commission periods decider: what closes a period', () => {
  it('a payout alone does not close October: only the run that closes it does', () => {
    // A run whose PeriodClosed is not in the log (it was never written) leaves October open.
    given(commissionPeriodsDecider, [paid('2026-10', repA, 'CNY', 1_000)])
      .when(run('2026-10', [{ payee: repA, currency: 'CNY', amount: 1_000 }]))
      .thenEvents([paid('2026-10', repA, 'CNY', 1_000), closed('2026-10', [{ currency: 'CNY', amount: 1_000 }], 1)]);
  });

  it('keeps every period through the latest closed one closed, whatever order the log holds the runs in', () => {
    // A log imported with October's run before August's: September is still closed (by October's run).
    given(commissionPeriodsDecider, [closed('2026-10'), closed('2026-08')])
      .when(adjust({ period: '2026-09' }))
      .thenRefuses({
        code: 'PeriodClosed',
        facts: { period: '2026-09', closedThrough: '2026-10', earliestOpenPeriod: '2026-11' },
      });
  });
});

describe('commission periods decider: adjustments a dispute posts', () => {
  it('names the dispute on the adjustment', () => {
    given(commissionPeriodsDecider)
      .when(adjust({ disputeId: 'dispute-7' }))
      .thenEvents([adjusted('2026-11', { disputeId: 'dispute-7' })]);
  });

  it('gives an adjustment made by hand no disputeId field at all', () => {
    const decision = commissionPeriodsDecider.decide(adjust(), commissionPeriodsDecider.initialState);
    expect(decision).toStrictEqual([adjusted('2026-11')]);
    expect(Object.keys((decision as CommissionAdjusted[])[0].data)).not.toContain('disputeId');
  });
});
