import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
import Database from 'better-sqlite3';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

export type SqliteFileCheck =
  | { readonly status: 'missing' }
  | { readonly status: 'intact' }
  | { readonly status: 'damaged'; readonly problem: string };

/** quick_check lists every problem it finds; the first few say enough in a log line. */
const PROBLEMS_SHOWN = 3;

/**
 * SQLite's own `PRAGMA quick_check` on an open database: it reads every page and checks each
 * b-tree's structure, so a truncated file, a garbage header and pages overwritten with garbage
 * are found. It does not check that indexes agree with their tables (integrity_check does, at
 * several times the cost) nor that well-formed rows hold the right values (`verify` does that
 * for the read models). An error that is not damage (permissions, a lock) is thrown.
 */
export function checkConnection(db: Database.Database): SqliteFileCheck {
  try {
    const problems = (db.pragma('quick_check') as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((line) => line !== 'ok');
    if (problems.length === 0) return { status: 'intact' };
    const shown = problems
      .slice(0, PROBLEMS_SHOWN)
      .join('; ')
      .replace(/\s*\n\s*/g, ' ');
    return { status: 'damaged', problem: `quick_check: ${shown}${problems.length > PROBLEMS_SHOWN ? '; …' : ''}` };
  } catch (error) {
    if (isSqliteCorruption(error))
      return { status: 'damaged', problem: String((error as { message?: unknown }).message) };
    throw error;
  }
}

/**
 * How far a check reads: `full` is quick_check, every page (15 s cold for a 517 MB log of 500k
 * events, so its cost grows with age); `structure` reads the header and the first and last row
 * of every table, the same few pages however old the file: it finds a truncated file and a
 * garbage header, not a page damaged in mid-file (a read that meets one reports it then).
 */
export type CheckDepth = 'structure' | 'full';

/** A check on a file, opened for it alone; a file that is not there is `missing`. */
export function checkSqliteFile(file: string, depth: CheckDepth = 'full'): SqliteFileCheck {
  if (file === ':memory:' || !existsSync(file)) return { status: 'missing' };
  if (depth === 'structure') {
    const headerProblem = problemInHeader(file);
    if (headerProblem) return { status: 'damaged', problem: headerProblem };
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return depth === 'full' ? checkConnection(db) : checkTableEnds(db);
  } catch (error) {
    if (isSqliteCorruption(error))
      return { status: 'damaged', problem: String((error as { message?: unknown }).message) };
    throw error;
  } finally {
    db?.close();
  }
}

const HEADER_BYTES = 100;
const MAGIC = 'SQLite format 3\0';

/**
 * The header's own account of the file (sqlite.org/fileformat.html): the magic string, and, when
 * the page count it records is current, at least that many pages in the file. A checkpoint
 * writes the count, and the file only grows between checkpoints, so fewer bytes mean a cut.
 */
function problemInHeader(file: string): string | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return null; // SQLite takes an empty file for an empty database.
    const header = Buffer.alloc(HEADER_BYTES);
    readSync(fd, header, 0, HEADER_BYTES, 0);
    if (size < HEADER_BYTES || header.toString('latin1', 0, MAGIC.length) !== MAGIC) return 'file is not a database';
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    const pages = header.readUInt32BE(28);
    const countIsCurrent = header.readUInt32BE(24) === header.readUInt32BE(92);
    if (countIsCurrent && size < pages * pageSize)
      return `truncated: the header counts ${pages} pages of ${pageSize} bytes, the file holds ${size} bytes`;
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Reads the first and the last row of every table: the pages on both edges of each b-tree. */
function checkTableEnds(db: Database.Database): SqliteFileCheck {
  try {
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string; sql: string }[];
    for (const { name, sql } of tables) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      db.prepare(`SELECT * FROM ${quoted} LIMIT 1`).all();
      if (!/WITHOUT\s+ROWID/i.test(sql)) db.prepare(`SELECT * FROM ${quoted} ORDER BY rowid DESC LIMIT 1`).all();
    }
    return { status: 'intact' };
  } catch (error) {
    if (isSqliteCorruption(error))
      return { status: 'damaged', problem: String((error as { message?: unknown }).message) };
    throw error;
  }
}
