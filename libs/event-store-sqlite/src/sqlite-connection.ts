import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SqliteConnectionOptions {
  /** How long a writer waits for another process's lock before failing (SQLite busy_timeout). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens a SQLite file the way every leadledger database is opened: WAL so readers never
 * block the writer, synchronous=FULL so a commit that returned survives power loss
 * (NORMAL in WAL mode may lose the last commits), and a busy timeout so several
 * processes on one file wait for each other instead of failing.
 */
export function openSqlite(file: string, options: SqliteConnectionOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}
