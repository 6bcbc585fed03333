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

/** Every row as canonical JSON, ordered by all columns, so equal tables give equal lines. */
export function canonicalRows(db: Database.Database, table: string): string[] {
  if (!tableExists(db, table)) return [];
  const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const orderBy = columns.map((c) => `"${c}"`).join(', ');
  const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy}`).safeIntegers(true).raw(true).all();
  return (rows as unknown[][]).map((row) =>
    JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  );
}

export function tableDigest(db: Database.Database, table: string): TableDigest {
  const hash = createHash('sha256');
  const rows = canonicalRows(db, table);
  for (const row of rows) hash.update(row).update('\n');
  return { table, rows: rows.length, sha256: hash.digest('hex') };
}

/** The first difference between two copies of the same tables, or null when they are equal. */
export function firstDifference(
  live: Database.Database,
  rebuilt: Database.Database,
  tables: readonly string[],
): ReadModelDifference | null {
  for (const table of tables) {
    if (tableDigest(live, table).sha256 === tableDigest(rebuilt, table).sha256) continue;
    const a = canonicalRows(live, table);
    const b = canonicalRows(rebuilt, table);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) return { table, rowIndex: i, live: a[i] ?? null, rebuilt: b[i] ?? null };
    }
  }
  return null;
}
