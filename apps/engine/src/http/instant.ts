import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** A date, a time of day and the zone it was read in: `Z` or an offset such as `+08:00`. */
const WITH_ZONE = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Whether a time says the zone it was written in (an ISO 8601 time is checked apart). */
export const saysItsZone = (value: string): boolean => WITH_ZONE.test(value);

/**
 * An ISO 8601 instant that says its zone. Without one, `2026-10-25T10:00:00` would be read in
 * the server's zone (UTC in the image), eight hours off a Shanghai CRM's meaning, and land
 * facts on the wrong business day; so it is refused (400) rather than guessed.
 */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }),
    Matches(WITH_ZONE, {
      message: '$property must be an ISO 8601 time with its zone, such as 2026-10-25T10:00:00+08:00',
    }),
  );
}
