/**
 * The outcome of normalising one contact field: the canonical value, or a named problem
 * the HTTP layer turns into a 400 answer. Bad input is data here, never an exception.
 */
export type Normalized<Problem extends string> =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: Problem; readonly message: string };

export const normalized = (value: string): { readonly ok: true; readonly value: string } => ({ ok: true, value });

export function failed<Problem extends string>(
  problem: Problem,
  message: string,
): { readonly ok: false; readonly problem: Problem; readonly message: string } {
  return { ok: false, problem, message };
}

/** Full-width digits, letters and symbols (１３８, ＠, ＋) become their ASCII forms. */
export const nfkc = (input: string): string => input.normalize('NFKC');
