import { stringify } from 'csv-stringify/sync';

/** The first characters csv-stringify's `escape_formulas` guards (OWASP's list and their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Every CSV the engine answers, with a header row of `columns`. A text cell a spreadsheet
 * would run as a formula (a sale's external id "=1+2") is written as `"'=1+2"`, as OWASP's
 * CSV injection guidance asks. The rule goes by type: numbers and bigints (amounts like -250)
 * are written as they are, so pass amounts as numbers, never as strings. Booleans are
 * `true`/`false`.
 */
export function csvTable(rows: readonly object[], columns: readonly string[]): string {
  return stringify([...rows], {
    header: true,
    columns: [...columns],
    // The library prefixes the `'` (before a `-` only on strings); the cast wraps those cells in quotes.
    escape_formulas: true,
    cast: {
      boolean: (b) => String(b),
      string: (text) => (FORMULA_START.test(text) ? { value: text, quoted: true } : text),
    },
  });
}
