const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

function dayAt(ms: number, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Days looked up per quarter hour of UTC: every event of a quarter hour shares one answer. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const MAX_REMEMBERED = 50_000;
const daysByQuarter = new Map<string, string>();

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone; deterministic for a given tz
 * database. Formatting a date is slow next to everything else a projection does per event,
 * so the day of a quarter hour is remembered when its first and last millisecond fall on the
 * same day: local midnight and offset changes fall on quarter hours in every zone in use, and
 * a quarter hour that straddles one (or a historic odd offset) is simply never remembered.
 */
export function businessDay(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const key = `${timeZone}|${quarter}`;
  const known = daysByQuarter.get(key);
  if (known !== undefined) return known;
  const day = dayAt(ms, timeZone);
  const first = quarter * QUARTER_HOUR_MS;
  if (Number.isFinite(ms) && dayAt(first, timeZone) === day && dayAt(first + QUARTER_HOUR_MS - 1, timeZone) === day) {
    if (daysByQuarter.size >= MAX_REMEMBERED) daysByQuarter.clear();
    daysByQuarter.set(key, day);
  }
  return day;
}
