import { type Normalized, failed, nfkc, normalized } from './normalization';

export type EmailProblem = 'blank' | 'invalid-email';

// One @, no spaces, a dotted domain: enough to catch typos without rejecting real addresses.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;
const MAX_EMAIL_LENGTH = 254;

/** An e-mail address trimmed, NFKC-normalised (＠ -> @) and lower-cased. */
export function normalizeEmail(input: string): Normalized<EmailProblem> {
  const text = nfkc(input).trim().toLowerCase();
  if (text === '') return failed('blank', 'The e-mail address is empty');
  if (text.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(text)) {
    return failed('invalid-email', `"${input}" is not an e-mail address`);
  }
  return normalized(text);
}
