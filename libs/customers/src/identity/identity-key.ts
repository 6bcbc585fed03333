import type { CountryCode } from 'libphonenumber-js';
import type { Normalized } from './normalization';
import { normalizeCompany } from './normalize-company';
import { normalizeEmail } from './normalize-email';
import { normalizePhone } from './normalize-phone';
import { normalizeRegistrationNumber } from './normalize-registration-number';

export type IdentityKind = 'phone' | 'email' | 'company' | 'registration';

/** One normalised way to recognise a customer; each belongs to at most one customer. */
export interface IdentityKey {
  readonly kind: IdentityKind;
  readonly value: string;
}

/** The stream that serialises who owns this key: `identity-<kind>-<value>`. */
export const identityKeyStreamId = (key: IdentityKey): string => `identity-${key.kind}-${key.value}`;

/** A lead's contact as it arrives; the name is kept on the lead but identifies nobody. */
export interface ContactDetails {
  readonly name?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly company?: string | null;
  readonly registrationNumber?: string | null;
}

export type ContactField = 'phone' | 'email' | 'company' | 'registrationNumber';

/** One reason for a 400 answer: which field, and what is wrong with it. */
export interface FieldProblem {
  readonly field: ContactField;
  readonly problem: string;
  readonly message: string;
}

export interface ContactIdentity {
  readonly keys: readonly IdentityKey[];
  readonly problems: readonly FieldProblem[];
}

/**
 * The normalised keys of a contact, in a fixed order (phone, email, registration, company),
 * plus a problem for each field given but unusable. Absent or blank fields are skipped:
 * whether a contact needs at least one key is the caller's rule, not this function's.
 */
export function identityKeysOf(contact: ContactDetails, defaultCountry: CountryCode): ContactIdentity {
  const fields: readonly [ContactField, IdentityKind, (input: string) => Normalized<string>][] = [
    ['phone', 'phone', (input) => normalizePhone(input, defaultCountry)],
    ['email', 'email', normalizeEmail],
    ['registrationNumber', 'registration', normalizeRegistrationNumber],
    ['company', 'company', normalizeCompany],
  ];
  const keys: IdentityKey[] = [];
  const problems: FieldProblem[] = [];
  for (const [field, kind, normalize] of fields) {
    const input = contact[field];
    if (input === undefined || input === null || input.trim() === '') continue;
    const result = normalize(input);
    if (result.ok) keys.push({ kind, value: result.value });
    else problems.push({ field, problem: result.problem, message: result.message });
  }
  return { keys, problems };
}
