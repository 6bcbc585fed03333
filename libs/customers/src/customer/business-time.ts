/**
 * Date arithmetic on the ISO times that commands carry. Parsing a given time is pure;
 * reading the clock is not, and never happens here.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** `days` whole days of 24 hours after `iso`, in UTC ISO form. */
export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** Compared as instants, so "2026-01-01T08:00:00+08:00" equals "2026-01-01T00:00:00Z". */
export const isBefore = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);

export const laterOf = (a: string, b: string): string => (isBefore(a, b) ? b : a);
