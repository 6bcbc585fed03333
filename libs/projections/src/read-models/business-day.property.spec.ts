import fc from 'fast-check';
import { businessDay } from './business-day';

/** The day straight from Intl, with nothing remembered. */
function dayByIntl(instant: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = format.formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// Whole-hour, half-hour, 45-minute and half-hour-DST zones, on both sides of UTC.
const zones = ['Asia/Shanghai', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Europe/London', 'UTC'];

describe('businessDay', () => {
  it('gives the day Intl gives, for any instant and zone, first time and remembered', () => {
    const instant = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    // Instants near local midnights and offset changes, where a remembered quarter hour could go wrong.
    const nearQuarter = fc
      .tuple(fc.integer({ min: 946_684_800, max: 2_208_988_800 }), fc.integer({ min: -2, max: 2 }))
      .map(([seconds, ms]) => new Date(Math.floor((seconds * 1000) / 900_000) * 900_000 + ms).toISOString());
    // Several instants of the same hours, in any order: what is remembered of one must hold for the others.
    const minutes = fc.array(fc.integer({ min: 0, max: 179 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(instant, nearQuarter), minutes, fc.constantFrom(...zones), (at, offsets, zone) => {
        for (const minute of offsets) {
          const when = new Date(Date.parse(at) + minute * 60_000 - 90 * 60_000).toISOString();
          expect(businessDay(when, zone)).toBe(dayByIntl(when, zone));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
