import { startOfBusinessDay } from '@leadledger/customers';
import { type ValidationOptions, ValidateBy, isISO8601 } from 'class-validator';
import { saysItsZone } from '../http/instant';

const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** What an offset's `+` becomes when a client forgets to encode it: a space before hh:mm or hhmm. */
const UNENCODED_PLUS = /T[\d:.]+ \d{2}(:?\d{2})?$/;

/** A calendar day written YYYY-MM-DD that exists (no 2026-02-30). */
export const isBusinessDay = (value: unknown): value is string =>
  typeof value === 'string' &&
  DATE_ONLY.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** The problem with a time given in a query, or null when it is a day or a strict ISO 8601 instant. */
export function queryInstantProblem(field: string, value: unknown): string | null {
  if (isBusinessDay(value)) return null;
  if (typeof value === 'string' && isISO8601(value, { strict: true }) && saysItsZone(value)) return null;
  if (typeof value === 'string' && UNENCODED_PLUS.test(value)) {
    return `${field} has a space where its offset's + was: write + as %2B in a URL (a bare + arrives as a space)`;
  }
  // A time without its zone would be read in the server's: eight hours off in Shanghai.
  return `${field} must be a business day (YYYY-MM-DD) or an ISO 8601 time with its zone, such as 2026-03-11T09:30:00%2B08:00`;
}

/** The problem with a business day given in a query (a time is refused: the figures are kept per day). */
export function queryDayProblem(field: string, value: unknown): string | null {
  if (isBusinessDay(value)) return null;
  if (typeof value === 'string' && UNENCODED_PLUS.test(value)) {
    return `${field} has a space where its offset's + was: write + as %2B in a URL (a bare + arrives as a space)`;
  }
  return `${field} must be a business day written YYYY-MM-DD`;
}

/** Validates a query time: a business day or an instant, with the %2B hint for an unencoded offset. */
export const IsQueryInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isQueryInstant',
      validator: {
        validate: (value, args) => queryInstantProblem(args?.property ?? 'value', value) === null,
        defaultMessage: (args) => queryInstantProblem(args?.property ?? 'value', args?.value) ?? '',
      },
    },
    options,
  );

/** Validates a query business day (YYYY-MM-DD), with the %2B hint for an unencoded offset. */
export const IsQueryDay = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isQueryDay',
      validator: {
        validate: (value, args) => queryDayProblem(args?.property ?? 'value', value) === null,
        defaultMessage: (args) => queryDayProblem(args?.property ?? 'value', args?.value) ?? '',
      },
    },
    options,
  );

/**
 * The instant a query time means: a date-only value is the START of that business day in the
 * engine's zone (LEADLEDGER_TIMEZONE), not UTC midnight; anything else is the instant it names.
 */
export function instantOfQuery(value: string, timeZone: string): string {
  return isBusinessDay(value) ? startOfBusinessDay(value, timeZone) : new Date(value).toISOString();
}

/** OpenAPI wording shared by every query that takes a time. */
export const QUERY_INSTANT_DESCRIPTION =
  'A business day YYYY-MM-DD means the start of that day in LEADLEDGER_TIMEZONE (not UTC midnight); ' +
  'or an ISO 8601 time. Encode an offset’s + as %2B: a bare + arrives as a space and is refused with a 400 saying so.';
