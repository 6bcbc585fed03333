import { ManualClock, systemClock } from './clock';

describe('the system clock', () => {
  it('reads the machine time: a Date between two readings taken around it', () => {
    const before = Date.now();
    const now = systemClock.now();
    const after = Date.now();
    expect(now).toBeInstanceOf(Date);
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(after);
  });
});

describe('a manual clock', () => {
  describe('given a start instant', () => {
    it('reads that instant until it is told to move, from a string or a Date', () => {
      const clock = new ManualClock('2026-11-23T08:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-11-23T08:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-11-23T08:00:00.000Z');
      expect(new ManualClock(new Date('2026-01-01T00:00:00+08:00')).now().toISOString()).toBe(
        '2025-12-31T16:00:00.000Z',
      );
    });

    it('hands out copies: changing a Date it returned, or the Date it started from, does not move it', () => {
      const start = new Date('2026-11-23T08:00:00.000Z');
      const clock = new ManualClock(start);
      start.setUTCFullYear(2030);
      const read = clock.now();
      read.setUTCFullYear(2031);
      expect(clock.now().toISOString()).toBe('2026-11-23T08:00:00.000Z');
    });
  });

  describe('when it is advanced', () => {
    it('moves forward by exactly that many milliseconds, and adds up the steps', () => {
      const clock = new ManualClock('2026-11-23T08:00:00.000Z');
      // 1 h 30 min = 5,400,000 ms; then 250 ms more.
      clock.advanceMs(5_400_000);
      expect(clock.now().toISOString()).toBe('2026-11-23T09:30:00.000Z');
      clock.advanceMs(250);
      expect(clock.now().toISOString()).toBe('2026-11-23T09:30:00.250Z');
    });

    it('moves back by a negative step', () => {
      const clock = new ManualClock('2026-11-23T08:00:00.000Z');
      clock.advanceMs(-60_000);
      expect(clock.now().toISOString()).toBe('2026-11-23T07:59:00.000Z');
    });
  });

  describe('when it is set', () => {
    it('reads the instant it was set to, from a string or a Date, and keeps its own copy', () => {
      const clock = new ManualClock('2026-11-23T08:00:00.000Z');
      clock.set('2026-12-01T00:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-12-01T00:00:00.000Z');
      const to = new Date('2027-01-01T00:00:00.000Z');
      clock.set(to);
      to.setUTCFullYear(2030);
      expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    });
  });
});
