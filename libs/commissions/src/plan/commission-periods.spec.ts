import {
  type PeriodCalendar,
  isPeriodAfter,
  isPeriodId,
  nextPeriod,
  periodOf,
  postingPeriod,
} from './commission-periods';

const shanghaiMonths: PeriodCalendar = { periodLength: 'month', timeZone: 'Asia/Shanghai' };
const shanghaiQuarters: PeriodCalendar = { periodLength: 'quarter', timeZone: 'Asia/Shanghai' };
const londonMonths: PeriodCalendar = { periodLength: 'month', timeZone: 'Europe/London' };

describe('periodOf', () => {
  describe('when periods are months in Shanghai (UTC+8)', () => {
    it.each([
      ['2026-10-31T15:59:59.999Z', '2026-10'], // 23:59:59.999 on 31 October in Shanghai
      ['2026-10-31T16:00:00.000Z', '2026-11'], // midnight starting 1 November
      ['2026-10-31T17:00:00Z', '2026-11'], // still 31 October in UTC
      ['2026-11-01T00:00:00+08:00', '2026-11'],
      ['2026-12-31T16:00:00Z', '2027-01'], // the new year comes eight hours before UTC's
      ['2026-01-15T12:00:00Z', '2026-01'],
    ])('puts %s in %s', (instant, period) => {
      expect(periodOf(instant, shanghaiMonths)).toBe(period);
    });
  });

  describe('when periods are quarters in Shanghai', () => {
    it.each([
      ['2026-03-31T15:59:59Z', '2026-Q1'],
      ['2026-03-31T16:00:00Z', '2026-Q2'],
      ['2026-06-30T23:00:00+08:00', '2026-Q2'],
      ['2026-08-15T00:00:00Z', '2026-Q3'],
      ['2026-10-01T00:00:00+08:00', '2026-Q4'],
      ['2026-12-31T16:00:00Z', '2027-Q1'],
    ])('puts %s in %s', (instant, period) => {
      expect(periodOf(instant, shanghaiQuarters)).toBe(period);
    });
  });

  describe('when periods are months in London, across the end of summer time', () => {
    it('puts 31 October 23:30 UTC in October: summer time ended on 25 October, so London is on UTC+0', () => {
      expect(periodOf('2026-10-31T23:30:00Z', londonMonths)).toBe('2026-10');
    });

    it('puts 31 March 23:30 UTC in April: summer time (UTC+1) began on 29 March', () => {
      expect(periodOf('2026-03-31T23:30:00Z', londonMonths)).toBe('2026-04');
    });
  });
});

describe('nextPeriod', () => {
  it.each([
    ['2026-01', '2026-02'],
    ['2026-09', '2026-10'],
    ['2026-11', '2026-12'],
    ['2026-12', '2027-01'],
    ['2026-Q1', '2026-Q2'],
    ['2026-Q3', '2026-Q4'],
    ['2026-Q4', '2027-Q1'],
  ])('follows %s with %s', (period, next) => {
    expect(nextPeriod(period)).toBe(next);
  });

  it('throws on something that is not a period', () => {
    expect(() => nextPeriod('2026-13')).toThrow(RangeError);
  });
});

describe('isPeriodId', () => {
  it.each([
    ['2026-11', 'month', true],
    ['2026-1', 'month', false],
    ['2026-00', 'month', false],
    ['2026-Q4', 'month', false],
    ['2026-Q4', 'quarter', true],
    ['2026-Q5', 'quarter', false],
    ['2026-11', 'quarter', false],
    // Nothing before or after the id: a period typed with a stray digit or letter is refused, not read in part.
    ['12026-11', 'month', false],
    ['X2026-11', 'month', false],
    ['12026-Q4', 'quarter', false],
    ['2026-Q41', 'quarter', false],
  ] as const)('says %s is a %s: %s', (period, length, expected) => {
    expect(isPeriodId(period, length)).toBe(expected);
  });
});

describe('postingPeriod', () => {
  describe('when nothing is closed', () => {
    it('posts in the natural period', () => {
      expect(postingPeriod('2026-10', null)).toBe('2026-10');
    });
  });

  describe('when October is closed', () => {
    it('posts an October line in November, the earliest open period', () => {
      expect(postingPeriod('2026-10', '2026-10')).toBe('2026-11');
    });

    it('posts a line from an earlier closed period in November too', () => {
      expect(postingPeriod('2026-08', '2026-10')).toBe('2026-11');
    });

    it('posts a December line in December', () => {
      expect(postingPeriod('2026-12', '2026-10')).toBe('2026-12');
    });
  });

  describe('when December is closed', () => {
    it('posts a December line in January of the next year', () => {
      expect(postingPeriod('2026-12', '2026-12')).toBe('2027-01');
    });
  });

  describe('when the fourth quarter is closed', () => {
    it('posts a third-quarter line in the first quarter of the next year', () => {
      expect(postingPeriod('2026-Q3', '2026-Q4')).toBe('2027-Q1');
    });
  });
});

describe('isPeriodAfter', () => {
  it.each([
    ['2026-12', '2026-11', true],
    ['2027-01', '2026-12', true],
    ['2026-11', '2026-11', false],
    ['2026-10', '2026-11', false],
    ['2027-Q1', '2026-Q4', true],
  ])('says %s is after %s: %s', (a, b, expected) => {
    expect(isPeriodAfter(a, b)).toBe(expected);
  });
});

describe('nextPeriod of something that is not a period', () => {
  it('throws, naming it (a caller bug: periods are checked before)', () => {
    expect(() => nextPeriod('2026-13')).toThrow(new RangeError('Not a period: 2026-13'));
  });
});
