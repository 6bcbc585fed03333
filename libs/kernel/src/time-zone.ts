/**
 * An IANA zone name as the tz database spells it: an area and a location ("Asia/Shanghai",
 * "America/Argentina/Buenos_Aires", "Etc/GMT-8") or a single legacy name ("UTC"). Always
 * begins with a letter, so an offset ("+08:00", "-0530") never matches.
 */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * The zone as Intl spells it ("asia/shanghai" -> "Asia/Shanghai"), or null when it is not
 * an IANA zone. Checked the same way on every Node: Intl alone is not enough, because from
 * Node 22 it also accepts offsets such as "+08:00" (ECMA-402 offset time zones), which
 * Node 20 refuses and which are not zones (no daylight saving, no history). The name is
 * checked first, then Intl must know it.
 */
export function ianaTimeZone(zone: string): string | null {
  if (!IANA_NAME.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True for a zone Intl knows by its IANA name, in any letter case; false for offsets and unknown names. */
export const isIanaTimeZone = (zone: string): boolean => ianaTimeZone(zone) !== null;
