import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { checkSqliteFile } from './sqlite-file-check';

/**
 * Pages per step of the backup: all of them. One step copies the whole file inside one read
 * transaction, so the copy is the log as of one commit, and the engine keeps writing meanwhile
 * (WAL: readers do not block the writer). In small steps SQLite starts the copy over whenever
 * another connection writes between two of them, which under steady load may be forever.
 */
const ALL_PAGES = 0x7fffffff;

export interface EventLogBackup {
  readonly out: string;
  /** Position of the last event in the copy. */
  readonly headPosition: bigint;
  readonly bytes: number;
}

/** A backup that could not be made, with the reason in the message. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * A consistent online copy of the SQLite log, through SQLite's backup API, checked with
 * quick_check before it takes its name: a file at `out` is always a whole, readable log.
 */
export async function backupEventLog(eventsFile: string, out: string): Promise<EventLogBackup> {
  if (!existsSync(eventsFile)) throw new BackupError(`there is no events file at ${eventsFile}`);
  if (existsSync(out)) throw new BackupError(`${out} already exists: give the name of a new file`);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(eventsFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error instanceof TypeError ? new BackupError(error.message) : error;
  } finally {
    source.close();
  }
  const check = checkSqliteFile(partial);
  if (check.status !== 'intact') {
    rmSync(partial, { force: true });
    throw new BackupError(
      `the copy of ${eventsFile} fails quick_check (${check.status}): the log itself may be damaged`,
    );
  }
  const headPosition = lastPosition(partial);
  renameSync(partial, out);
  return { out, headPosition, bytes: statSync(out).size };
}

function lastPosition(file: string): bigint {
  const db = new Database(file, { fileMustExist: true });
  try {
    const row = db.prepare('SELECT coalesce(max(position), 0) AS head FROM events').safeIntegers(true).get();
    return (row as { head: bigint }).head;
  } finally {
    db.close();
  }
}
