import { backdatingRefusal } from './effective-at';

const calendar = { periodLength: 'month', timeZone: 'Asia/Shanghai' } as const;
const now = '2026-11-20T02:00:00.000Z';

describe('backdatingRefusal', () => {
  describe('when no period is closed', () => {
    it('allows a time in the past', () => {
      expect(backdatingRefusal('2026-03-15T09:00:00+08:00', { now, closedThrough: null, calendar })).toBeNull();
    });

    it('allows the very instant of now', () => {
      expect(backdatingRefusal(now, { now, closedThrough: null, calendar })).toBeNull();
    });

    it('refuses a time one millisecond in the future, with both times', () => {
      expect(backdatingRefusal('2026-11-20T02:00:00.001Z', { now, closedThrough: null, calendar })).toMatchObject({
        code: 'EffectiveAtInFuture',
        message: 'A change may be dated in the past, never in the future',
        facts: { effectiveAt: '2026-11-20T02:00:00.001Z', now },
      });
    });

    it('allows a time years back on a plan calendar with nothing closed', () => {
      expect(backdatingRefusal('2020-01-01T00:00:00Z', { now, closedThrough: null, calendar })).toBeNull();
    });

    it('allows any past time before a plan is published (no calendar)', () => {
      expect(backdatingRefusal('2020-01-01T00:00:00Z', { now, closedThrough: null, calendar: null })).toBeNull();
    });

    it('refuses a time that cannot be read', () => {
      expect(backdatingRefusal('last March', { now, closedThrough: null, calendar })).toMatchObject({
        code: 'InvalidTime',
        message: 'effectiveAt is not an ISO 8601 instant',
        facts: { effectiveAt: 'last March' },
      });
    });
  });

  describe('when March is closed', () => {
    const facts = { now, closedThrough: '2026-03', calendar };

    it('refuses a time inside March, naming the period', () => {
      expect(backdatingRefusal('2026-03-31T23:59:59+08:00', facts)).toMatchObject({
        code: 'EffectiveAtInClosedPeriod',
        // The manager reads which period is closed and what to do.
        message: 'Commission period 2026-03 is closed; date the change after it',
        facts: { effectiveAt: '2026-03-31T23:59:59+08:00', period: '2026-03', closedThrough: '2026-03' },
      });
    });

    it('refuses a time before March', () => {
      expect(backdatingRefusal('2026-01-05T10:00:00+08:00', facts)).toMatchObject({
        code: 'EffectiveAtInClosedPeriod',
        facts: { period: '2026-01' },
      });
    });

    it('allows the first instant of April on the plan calendar (31 March 16:00 UTC is 1 April in Shanghai)', () => {
      expect(backdatingRefusal('2026-03-31T16:00:00Z', facts)).toBeNull();
    });
  });
});
