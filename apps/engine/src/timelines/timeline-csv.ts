import type { TimelineEntry } from '@leadledger/timelines';
import { csvTable } from '../commissions/csv-table';

/** Column names are a contract with HR and legal files: add at the end, never rename. */
const ENTRY_COLUMNS = [
  'position',
  'occurred_at',
  'recorded_at',
  'type',
  'stream_id',
  'actor_id',
  'actor_role',
  'reason',
  'sentence',
] as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The state after each entry as `state_<field>` columns (a nested subject as `state_subject_<field>`). */
function stateColumns(state: unknown, prefix = 'state'): Record<string, string> {
  if (state === null || typeof state !== 'object') return {};
  const columns: Record<string, string> = {};
  for (const [key, value] of Object.entries(state)) {
    const column = `${prefix}_${snake(key)}`;
    if (value !== null && typeof value === 'object') Object.assign(columns, stateColumns(value, column));
    else columns[column] = value === null ? '' : String(value);
  }
  return columns;
}

/** One row per entry, in timeline order; `stateFields` fixes the state columns so every page has the same header. */
export function timelineCsv(entries: readonly TimelineEntry<unknown>[], stateFields: readonly string[]): string {
  const rows = entries.map((entry) => {
    const row: Record<string, string> = {};
    for (const column of ENTRY_COLUMNS) {
      const key = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof TimelineEntry<unknown>;
      const value = entry[key];
      row[column] = value === null || value === undefined ? '' : String(value);
    }
    const state = stateColumns(entry.stateAfter);
    for (const field of stateFields) row[field] = state[field] ?? '';
    return row;
  });
  return csvTable(rows, [...ENTRY_COLUMNS, ...stateFields]);
}

export const CUSTOMER_STATE_COLUMNS = ['state_status', 'state_owner_id', 'state_protected_until', 'state_warned'];
export const LEAD_STATE_COLUMNS = ['state_status', 'state_rep_id', 'state_customer_id'];
export const REP_STATE_COLUMNS = [
  'state_subject_kind',
  'state_subject_id',
  'state_state_status',
  'state_state_owner_id',
  'state_state_rep_id',
];
