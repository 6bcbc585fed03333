import { instantOfQuery, isBusinessDay, queryDayProblem, queryInstantProblem } from './query-time';

describe('times in queries', () => {
  it('reads a date-only value as the start of that business day in the engine’s zone, not UTC midnight', () => {
    expect(instantOfQuery('2026-03-11', 'Asia/Shanghai')).toBe('2026-03-10T16:00:00.000Z');
    expect(instantOfQuery('2026-03-11', 'UTC')).toBe('2026-03-11T00:00:00.000Z');
    // New York's clocks went forward on 2026-03-08: the next day starts at 04:00 UTC, not 05:00.
    expect(instantOfQuery('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('reads a full time as the instant it names, whatever the zone', () => {
    expect(instantOfQuery('2026-03-11T09:30:00+08:00', 'UTC')).toBe('2026-03-11T01:30:00.000Z');
  });

  it('tells a client whose + arrived as a space to encode it as %2B', () => {
    expect(queryInstantProblem('asOf', '2026-03-11T09:30:00 08:00')).toBe(
      "asOf has a space where its offset's + was: write + as %2B in a URL (a bare + arrives as a space)",
    );
    expect(queryInstantProblem('asOf', '2026-03-11T09:30:00 0800')).toContain('%2B');
    expect(queryDayProblem('from', '2026-03-11T00:00:00 08:00')).toContain('%2B');
  });

  it('refuses days that do not exist and other shapes, naming the field', () => {
    expect(isBusinessDay('2026-02-30')).toBe(false);
    expect(queryInstantProblem('to', '2026-02-30')).toMatch(/^to must be a business day \(YYYY-MM-DD\) or an ISO 8601/);
    expect(queryInstantProblem('to', 'yesterday')).toMatch(/^to must be/);
    expect(queryDayProblem('from', '2026-03-11T00:00:00Z')).toBe('from must be a business day written YYYY-MM-DD');
    expect(queryInstantProblem('asOf', '2026-03-11')).toBeNull();
    expect(queryInstantProblem('asOf', '2026-03-11T09:30:00Z')).toBeNull();
  });

  it('refuses a time without its zone: read in the server’s zone, it would be hours off the caller’s', () => {
    expect(queryInstantProblem('asOf', '2026-09-01T08:30:00')).toBe(
      'asOf must be a business day (YYYY-MM-DD) or an ISO 8601 time with its zone, such as 2026-03-11T09:30:00%2B08:00',
    );
    expect(queryInstantProblem('asOf', '2026-09-01T08:30:00.123-05:00')).toBeNull();
  });

  it('refuses an offset Date.parse cannot read (+08) or RFC 3339 does not write (+0800), rather than fail with a 500', () => {
    for (const value of ['2026-09-01T08:30:00+08', '2026-09-01T08:30:00+0800']) {
      expect(queryInstantProblem('asOf', value)).toMatch(/^asOf must be a business day/);
    }
  });
});
