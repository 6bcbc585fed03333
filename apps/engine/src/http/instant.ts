import { applyDecorators } from '@nestjs/common';
import { RFC3339_INSTANT } from '@leadledger/kernel';
import { IsISO8601, Matches } from 'class-validator';

/** Whether a time says the zone it was written in, as the deciders read it (an ISO 8601 time is checked apart). */
export const saysItsZone = (value: string): boolean => RFC3339_INSTANT.test(value);

/**
 * An ISO 8601 instant that says its zone. Without one, `2026-10-25T10:00:00` would be read in
 * the server's zone (UTC in the image), eight hours off a Shanghai CRM's meaning, and land
 * facts on the wrong business day; so it is refused (400) rather than guessed.
 */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }),
    Matches(RFC3339_INSTANT, {
      message: '$property must be an ISO 8601 time with its zone, such as 2026-10-25T10:00:00+08:00',
    }),
  );
}
