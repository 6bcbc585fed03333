import { type Normalized, failed, nfkc, normalized } from './normalization';

export type RegistrationNumberProblem = 'blank' | 'invalid-registration-number';

// 统一社会信用代码 (GB 32100-2015): 18 characters from digits and upper-case letters
// without I, O, S, V and Z. The check character is not verified here (yet).
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** A unified social credit code: NFKC, spaces and dashes removed, upper-cased, 18 valid characters. */
export function normalizeRegistrationNumber(input: string): Normalized<RegistrationNumberProblem> {
  const text = nfkc(input).replace(/[\s-]/g, '').toUpperCase();
  if (text === '') return failed('blank', 'The registration number is empty');
  if (!CREDIT_CODE_SHAPE.test(text)) {
    return failed(
      'invalid-registration-number',
      `"${input}" is not an 18-character unified social credit code (digits and letters other than I, O, S, V, Z)`,
    );
  }
  return normalized(text);
}
