import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface TableDigest {
  readonly table: string;
  readonly rows: number;
  readonly sha256: string;
}

export interface ReadModelDifference {
  readonly table: string;
  /** 0-based index, in canonical order, of the first row that differs (or is missing). */
  readonly rowIndex: number;
  readonly live: string | null;
  readonly rebuilt: string | null;
}

function tableExists(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

const canonical = (row: unknown[]): string =>
  JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

/**
 * Every row as canonical JSON, ordered by all columns, so equal tables give equal lines.
 * One row at a time: memory stays flat whatever the table's size.
 */
export function* iterateCanonicalRows(db: Database.Database, table: string): Generator<string> {
  if (!tableExists(db, table)) return;
  const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const orderBy = columns.map((c) => `"${c}"`).join(', ');
  const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy}`).safeIntegers(true).raw(true).iterate();
  for (const row of rows as Iterable<unknown[]>) yield canonical(row);
}

export function canonicalRows(db: Database.Database, table: string): string[] {
  return [...iterateCanonicalRows(db, table)];
}

export function tableDigest(db: Database.Database, table: string): TableDigest {
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of iterateCanonicalRows(db, table)) {
    hash.update(row).update('\n');
    rows++;
  }
  return { table, rows, sha256: hash.digest('hex') };
}

/**
 * The first difference between two copies of the same tables, or null when they are equal:
 * both sides are walked in canonical order in step, so nothing is held but the current rows.
 */
export function firstDifference(
  live: Database.Database,
  rebuilt: Database.Database,
  tables: readonly string[],
): ReadModelDifference | null {
  for (const table of tables) {
    const a = iterateCanonicalRows(live, table);
    const b = iterateCanonicalRows(rebuilt, table);
    try {
      for (let rowIndex = 0; ; rowIndex++) {
        const left = a.next();
        const right = b.next();
        if (left.done && right.done) break;
        if (left.value !== right.value) {
          return { table, rowIndex, live: left.done ? null : left.value, rebuilt: right.done ? null : right.value };
        }
      }
    } finally {
      // Close both cursors: an open iterator keeps its connection busy.
      a.return(undefined);
      b.return(undefined);
    }
  }
  return null;
}
