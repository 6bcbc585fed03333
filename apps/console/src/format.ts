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

/** Today's date (YYYY-MM-DD) shifted by some days, for date pickers' defaults. */
export function isoDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
