import Database from 'better-sqlite3';
import { closeSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';

/** First byte of a b-tree page that no page type has (2, 5, 10 and 13 do): SQLite rejects the page on sight. */
const NOT_A_PAGE_TYPE = 0x00;

/** Bytes that look random but are the same on every run (a linear congruential generator). */
function garbage(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** Cut to half its size, off a page boundary, as an interrupted copy leaves a file. */
export function truncateFile(file: string): void {
  truncateSync(file, Math.floor(statSync(file).size / 2) + 123);
}

/** SQLite's 100-byte header overwritten, as a stray write to the start of the file leaves it. */
export function overwriteHeader(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, garbage(100, 7), 0, 100, 0);
  } finally {
    closeSync(fd);
  }
}

/** The file and its -wal and -shm gone, as an operator's `rm` leaves them. */
export function deleteFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Overwrites leaf pages of table b-trees in the middle of the file with garbage (of `tables`
 * when given, else of any table) and returns their page numbers. The pages are found with the
 * dbstat table after a checkpoint has put every page in the main file; after the damage a
 * trivial commit from this connection makes every other connection to the file drop its page
 * cache, so an engine that has the file open reads the garbage next time. Each page starts
 * with a byte no page type has, which quick_check always reports: damage that leaves a page
 * well formed (a changed value inside a row) it would not see.
 */
export function overwriteTablePages(
  file: string,
  options: {
    tables?: readonly string[];
    pages?: number;
    /** Leaves the first and last leaf of each table alone: damage a start-up `structure` check does not read. */
    sparingEdges?: boolean;
  } = {},
): number[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const rows = (
      db
        .prepare(
          "SELECT pageno, name, path FROM dbstat WHERE pagetype = 'leaf' AND name NOT LIKE 'sqlite_%' ORDER BY name, path",
        )
        .all() as { pageno: number; name: string; path: string }[]
    ).filter((page) => !options.tables || options.tables.includes(page.name));
    // In path order a b-tree's leaves run from its first row to its last.
    const edges = new Set<number>();
    for (const [index, page] of rows.entries()) {
      if (rows[index - 1]?.name !== page.name || rows[index + 1]?.name !== page.name) edges.add(page.pageno);
    }
    const leaves = rows
      .map((page) => page.pageno)
      .filter((pageno) => !options.sparingEdges || !edges.has(pageno))
      .sort((a, b) => a - b);
    const count = Math.min(options.pages ?? leaves.length, leaves.length);
    const middle = Math.floor((leaves.length - count) / 2);
    const chosen = leaves.slice(middle, middle + count);
    if (chosen.length === 0) throw new Error(`no table leaf pages to damage in ${file}`);
    const fd = openSync(file, 'r+');
    try {
      for (const page of chosen) {
        const bytes = garbage(pageSize, page);
        bytes[0] = NOT_A_PAGE_TYPE;
        writeSync(fd, bytes, 0, pageSize, (page - 1) * pageSize);
      }
    } finally {
      closeSync(fd);
    }
    db.pragma(`user_version = ${(db.pragma('user_version', { simple: true }) as number) + 1}`);
    return chosen;
  } finally {
    db.close();
  }
}
