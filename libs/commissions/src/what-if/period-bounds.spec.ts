import { aPlan } from '../engine/ledger.fixtures';
import { periodBounds } from './plan-what-if.types';

describe('the instants a what-if period runs between', () => {
  // Shanghai is UTC+8 all year: a day starts at 16:00 UTC the day before.
  const monthly = aPlan({ periodLength: 'month', timeZone: 'Asia/Shanghai' });
  const quarterly = aPlan({ periodLength: 'quarter', timeZone: 'Asia/Shanghai' });

  it('a month: from its first day to the next month’s, in the plan’s time zone', () => {
    expect(periodBounds('2026-03', monthly)).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
  });

  it.each([
    ['2026-Q1', '2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
    ['2026-Q2', '2026-03-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z'],
    ['2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ])('a quarter, %s: from its first month to the next quarter’s', (period, from, to) => {
    expect(periodBounds(period, quarterly)).toEqual({ from, to });
  });
});
