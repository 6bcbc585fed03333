/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a business day (YYYY-MM-DD) starts in a time zone, as ISO 8601 UTC: local
 * midnight, or the first instant of the day where midnight is skipped by a clock change.
 */
export function startOfBusinessDay(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const wallMidnight = Date.UTC(year, month - 1, date);
  let instant = wallMidnight - offsetAt(wallMidnight, timeZone);
  // Once more with the offset in force at the first guess: right on both sides of a change.
  instant = wallMidnight - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The day after a business day (YYYY-MM-DD), by the calendar. */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}
