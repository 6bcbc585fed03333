import type { Response } from 'express';

/**
 * CSV when the caller asks for it: `format=csv`, a path ending in `.csv`, or an Accept
 * header that prefers text/csv to JSON (a browser's or `*\/*` gets JSON).
 */
export function wantsCsv(res: Response, format: 'json' | 'csv' | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  if (res.req.path.endsWith('.csv')) return true;
  return res.req.get('accept') !== undefined && res.req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** JSON, or CSV with stable column names (see `wantsCsv`), as an attachment named `name`.csv. */
export function answer<T>(
  res: Response,
  format: 'json' | 'csv' | undefined,
  value: T,
  csv: (v: T) => string,
  name: string,
) {
  if (!wantsCsv(res, format)) return res.json(value);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return res.type('text/csv').send(csv(value));
}

/** A period named in a path, without the `.csv` that asks for CSV. */
export const periodOfPath = (period: string): string => period.replace(/\.csv$/, '');
