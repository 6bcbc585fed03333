/**
 * An instant as RFC 3339 writes it: a date, a time of day and its zone, `Z` or `+08:00`.
 * One pattern for the HTTP edge and the deciders, so that a time one accepts the other never
 * refuses, and every time an event carries reads as a JSON Schema `date-time`. Offsets without
 * their colon (`+0800`) or minutes (`+08`) are refused: `Date.parse` cannot read `+08`.
 * The `^` keeps out six-digit years ('+002026-…'), which Date.parse reads.
 */
export const RFC3339_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an instant written as RFC3339_INSTANT says, NaN for anything else ("2026-11-02" has no zone). */
export const instantMs = (iso: string): number => (RFC3339_INSTANT.test(iso) ? Date.parse(iso) : Number.NaN);

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The instant in one spelling, UTC with milliseconds (`2026-11-20T01:00:00.000Z`), so that times
 * compare and sort as text: `…T09:00:00+08:00` would sort after `…T02:00:00.000Z`, though earlier.
 * Text no date parser reads is returned as it is.
 */
export function utcInstant(iso: string): string {
  // Most times are already in that spelling (the engine writes its own with toISOString): no parse.
  if (CANONICAL_UTC.test(iso)) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}
