// The full metadata checks each number against the real numbering plan (a 10-digit "mobile"
// like 138 0013 800 is refused); the default "min" metadata checks little more than length.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type Normalized, failed, nfkc, normalized } from './normalization';

export type PhoneProblem = 'blank' | 'not-a-phone-number' | 'invalid-phone-number';

/**
 * A phone number in E.164 (+8613800138000). The default country is configuration: it
 * says how to read numbers written without a country code (138 0013 8000 in China).
 * NFKC first, because numbers typed on Chinese keyboards often arrive in full-width digits.
 */
export function normalizePhone(input: string, defaultCountry: CountryCode): Normalized<PhoneProblem> {
  const text = nfkc(input).trim();
  if (text === '') return failed('blank', 'The phone number is empty');
  // The 00 international prefix (0086 ...) is only read as such from some countries; say it plainly.
  const withPlus = text.replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry);
  if (!parsed) return failed('not-a-phone-number', `"${input}" is not a phone number`);
  if (!parsed.isValid()) return failed('invalid-phone-number', `"${input}" is not a valid phone number`);
  return normalized(parsed.number);
}
