import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** Who may hold a read-model file: the engine that serves it, or the CLI's `rebuild` while it writes it. */
export type ReadModelsUser = 'engine' | 'rebuild';

/** What the holder wrote when it claimed the file, for the line that refuses everyone else. */
export interface ReadModelsHolder {
  readonly user: ReadModelsUser;
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * The lock file is not a database any more (overwritten, a disk fault). It holds nothing but who
 * uses the read models, so it is named with the remedy rather than set aside here: a process
 * holding a lock on the damaged file would not see a new one made beside it.
 */
export class DamagedLockFileError extends Error {
  constructor(readonly file: string) {
    super(
      `The read-model lock file ${file} is damaged. It holds only which process uses the read models: ` +
        `with no engine and no rebuild running on them, delete it, then start again.`,
    );
  }
}

export type ReadModelsClaim =
  | { readonly held: true; readonly lock: ReadModelsLock }
  /** `holder` is null in the rare case it could not be read (its claim was still being written). */
  | { readonly held: false; readonly holder: ReadModelsHolder | null };

/** Beside the read models, named after them: one lock per read-model file, so engines with their own never meet. */
export const readModelsLockFileFor = (readModelsFile: string): string =>
  `${readModelsFile.replace(/\.sqlite$/, '')}.lock.sqlite`;

/** How long a claim waits for another claim being written at the same moment (milliseconds). */
const CLAIM_WAIT_MS = 250;
/** How long reading the holder waits for such a claim to be written. */
const READ_HOLDER_WAIT_MS = 2000;

/**
 * Keeps a read-model file to one process at a time: the engine for as long as it runs, or `rebuild`
 * while it writes. Why SQLite's own locking, on a small SQLite file beside the read models: the
 * holder keeps a read transaction open, whose file lock (POSIX fcntl, LockFileEx on Windows) denies
 * every other claimant the exclusive lock a claim begins with, and the operating system drops it
 * when the process ends, however it ends (kill -9, a crash). So the holder row a dead process left
 * behind is stale by construction, with nothing to guess: a pid file's `kill(pid, 0)` is fooled by
 * a reused pid or by containers where every engine is pid 1, and proper-lockfile's refreshed mtime
 * either takes a live holder whose event loop was busy for stale, or blocks until a dead one expires.
 * Readers are never refused, so `verify` runs beside the engine as before.
 *
 * Nothing but SQLite may open the lock file in a process holding it: closing any other descriptor
 * of the file drops the process's POSIX locks on it.
 */
export class ReadModelsLock {
  private constructor(private readonly db: Database.Database | null) {}

  static claim(readModelsFile: string, user: ReadModelsUser, now: Date): ReadModelsClaim {
    // An in-memory read-model database belongs to its process: there is nothing to share.
    if (readModelsFile === ':memory:') return { held: true, lock: new ReadModelsLock(null) };
    const file = readModelsLockFileFor(readModelsFile);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { timeout: CLAIM_WAIT_MS });
    try {
      const token = randomUUID();
      db.exec('BEGIN EXCLUSIVE');
      db.exec(`CREATE TABLE IF NOT EXISTS holder (
        id INTEGER PRIMARY KEY CHECK (id = 1), user TEXT NOT NULL, pid INTEGER NOT NULL,
        host TEXT NOT NULL, since TEXT NOT NULL, token TEXT NOT NULL)`);
      db.prepare('INSERT OR REPLACE INTO holder (id, user, pid, host, since, token) VALUES (1, ?, ?, ?, ?, ?)').run(
        user,
        process.pid,
        hostname(),
        now.toISOString(),
        token,
      );
      db.exec('COMMIT');
      // The read transaction that holds the file from now on; the row must still be ours, or
      // another claim came in between the commit and this read.
      db.exec('BEGIN');
      const { token: read } = db.prepare('SELECT token FROM holder WHERE id = 1').get() as { token: string };
      if (read === token) return { held: true, lock: new ReadModelsLock(db) };
      return refused(db);
    } catch (error) {
      if (!isBusy(error)) {
        db.close();
        throw isSqliteCorruption(error) ? new DamagedLockFileError(file) : error;
      }
      return refused(db);
    }
  }

  /** Lets the next claim in; the engine calls it once its read-model file is closed. */
  release(): void {
    if (!this.db?.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

/** "an engine (process 4242 on host db-1, since 2026-…)": the holder, as the refusals name it. */
export function describeHolder(holder: ReadModelsHolder | null): string {
  if (!holder) return 'another process';
  const who = holder.user === 'engine' ? 'an engine' : 'a rebuild';
  return `${who} (process ${holder.pid} on host ${holder.host}, since ${holder.since})`;
}

function refused(db: Database.Database): ReadModelsClaim {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.pragma(`busy_timeout = ${READ_HOLDER_WAIT_MS}`);
    const row = db.prepare('SELECT user, pid, host, since FROM holder WHERE id = 1').get() as
      ReadModelsHolder | undefined;
    return { held: false, holder: row ?? null };
  } catch {
    return { held: false, holder: null };
  } finally {
    db.close();
  }
}

const isBusy = (error: unknown): boolean =>
  String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');
