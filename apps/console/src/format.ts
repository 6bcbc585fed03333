import type { Language } from './i18n/language';

/** Minor units (a number, or a string of digits beyond the safe range) as major units with two decimals. */
export function money(amount: number | string, currency?: string): string {
  const digits = BigInt(amount);
  const negative = digits < 0n;
  const absolute = negative ? -digits : digits;
  const major = (absolute / 100n).toLocaleString('en');
  const minor = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${major}.${minor}${currency ? ` ${currency}` : ''}`;
}

/** An instant in the reader's language and time zone, the zone named (the engine sends ISO 8601 in UTC). */
export function when(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}

/** The engine's LEADLEDGER_TIMEZONE, as GET /console/session gives it at sign-in; until then, the reader's zone. */
let businessTimeZone: string | undefined;

export function countBusinessDaysIn(timeZone: string | undefined): void {
  businessTimeZone = timeZone;
}

/**
 * The business day (YYYY-MM-DD) of `now`, shifted by some days, for date pickers' defaults: counted
 * in the engine's zone, as the API counts the days it is given. UTC would put Shanghai's 00:00–08:00
 * in yesterday.
 */
export function isoDay(offsetDays = 0, now: Date = new Date(), timeZone = businessTimeZone): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(now)
    .reduce<Record<string, number>>((found, part) => ({ ...found, [part.type]: Number(part.value) }), {});
  // Calendar arithmetic on the day itself: a day is a day, whatever the zone's offset or daylight saving.
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day + offsetDays)).toISOString().slice(0, 10);
}
