/**
 * Parses CSV as RFC 4180 says (quoted fields, doubled quotes, commas and newlines inside
 * quotes) into one object per row keyed by the header, so tests read columns by name.
 */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header = [], ...rest] = records;
  const rows = rest.map((r) => {
    if (r.length !== header.length) throw new Error(`a row of ${r.length} fields under ${header.length} columns`);
    return Object.fromEntries(header.map((name, index) => [name, r[index]]));
  });
  return { header, rows };
}
