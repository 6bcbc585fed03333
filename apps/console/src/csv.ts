/** Where a spreadsheet starts a formula (OWASP's list; the engine's CSV guards the same). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * CSV in the engine's own convention (RFC 4180, a header row), for tables the API has no CSV
 * of. Text a spreadsheet would run as a formula is written `"'=1+2"` (OWASP's CSV injection
 * advice); cells of `numeric` columns are figures, often passed as strings, so -250 stays -250.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  numeric: readonly boolean[] = [],
): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const cell = (value: unknown, column: number) => {
    const text = value === null || value === undefined ? '' : String(value);
    if (!numeric[column] && FORMULA_START.test(text)) return quote(`'${text}`);
    return /[",\n\r]/.test(text) ? quote(text) : text;
  };
  const line = (row: readonly unknown[]) => row.map(cell).join(',');
  return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
