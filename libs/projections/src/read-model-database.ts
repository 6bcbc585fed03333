import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import { BackgroundCheckpoints, openSqlite } from '@leadledger/event-store-sqlite';
import type Database from 'better-sqlite3';
import { withCachedStatements } from './cached-statements';
import type { ReadModelConnection } from './projection';

export interface Checkpoint {
  readonly name: string;
  readonly version: string;
  readonly position: bigint;
  readonly failure: ProjectionFailure | null;
}

export interface ProjectionFailure {
  readonly eventId: string;
  readonly position: bigint;
  readonly error: string;
}

interface CheckpointRow {
  name: string;
  version: string;
  position: bigint;
  failed_event_id: string | null;
  failed_position: bigint | null;
  error: string | null;
}

/** Page cache of the read-model connection, in KiB. */
export const READ_MODEL_CACHE_KIB = 16 * 1024;

const prepareCheckpointStatements = (db: Database.Database) => ({
  checkpoint: db.prepare('SELECT * FROM projection_checkpoints WHERE name = ?').safeIntegers(true),
  saveCheckpoint: db.prepare(
    `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
       failed_event_id = NULL, failed_position = NULL, error = NULL`,
  ),
});

/**
 * The local SQLite file that holds every read model and their checkpoints. The events
 * themselves live in the event store; this file can always be rebuilt from them, which
 * is why it runs with synchronous=NORMAL: a power cut can only lose its last commits,
 * each of which moved its checkpoint too, so they are simply applied again.
 */
export class ReadModelDatabase {
  private current!: Database.Database;
  private cached!: ReadModelConnection;
  private statements!: ReturnType<typeof prepareCheckpointStatements>;

  private checkpoints: BackgroundCheckpoints | null = null;

  /** `backgroundCheckpoints`: checkpoint the file from a thread of its own, as the engine does. */
  constructor(
    readonly file: string,
    private readonly options: { readonly backgroundCheckpoints?: boolean } = {},
  ) {
    this.open();
  }

  /** Read through this at each use, never kept: `reopen` replaces the connection. */
  get db(): Database.Database {
    return this.current;
  }

  /** The same database for projections: statements prepared through it are kept. */
  get connection(): ReadModelConnection {
    return this.cached;
  }

  /**
   * Closes the file and opens it again: after a damaged file was moved aside, an empty
   * database in its place, from which the projections start again at the first event.
   */
  reopen(): void {
    this.close();
    this.open();
  }

  /** A checkpoint thread for the file just opened (its connection follows that file). */
  private startCheckpoints(): void {
    this.checkpoints = this.options.backgroundCheckpoints
      ? BackgroundCheckpoints.startFor(this.file, this.current)
      : null;
  }

  private open(): void {
    const db = openSqlite(this.file);
    db.pragma('synchronous = NORMAL');
    // The read models' indexes outgrow SQLite's 2 MB default page cache within months of
    // history; a larger one keeps projection updates and rebuilds from re-reading pages.
    db.pragma(`cache_size = -${READ_MODEL_CACHE_KIB}`);
    db.exec(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name            TEXT PRIMARY KEY,
        version         TEXT    NOT NULL,
        position        INTEGER NOT NULL,
        failed_event_id TEXT,
        failed_position INTEGER,
        error           TEXT
      );
    `);
    this.current = db;
    this.cached = withCachedStatements(db);
    this.statements = prepareCheckpointStatements(db);
    this.startCheckpoints();
  }

  checkpoint(name: string): Checkpoint | null {
    const row = this.statements.checkpoint.get(name) as CheckpointRow | undefined;
    if (!row) return null;
    const failure =
      row.failed_event_id === null
        ? null
        : { eventId: row.failed_event_id, position: row.failed_position ?? 0n, error: row.error ?? '' };
    return { name: row.name, version: row.version, position: row.position, failure };
  }

  /** Call inside the transaction that applied the events up to `position`. */
  saveCheckpoint(name: string, version: string, position: bigint): void {
    this.statements.saveCheckpoint.run(name, version, position);
  }

  recordFailure(name: string, failure: ProjectionFailure): void {
    this.db
      .prepare('UPDATE projection_checkpoints SET failed_event_id = ?, failed_position = ?, error = ? WHERE name = ?')
      .run(failure.eventId, failure.position, failure.error, name);
  }

  /** Drops a projection's tables and checkpoint so it starts again from the first event. */
  reset(tables: readonly string[], name: string): void {
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(name);
    })();
  }

  /**
   * Runs a rebuild without a sync per commit: the file is derived and is being rebuilt from the
   * first event anyway, so a crash in the middle costs only a new rebuild (and the start-up check
   * finds a damaged file). At the end the file is checkpointed and synced once, so a finished
   * rebuild is as durable as any other. Commits are a third of a rebuild's time with a sync each.
   * `pageCacheKiB` sizes the page cache for the work; the connection's own size comes back after it.
   */
  async unsyncedWhile<T>(work: () => Promise<T>, pageCacheKiB: number): Promise<T> {
    const ownCacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma('synchronous = OFF');
    this.db.pragma(`cache_size = -${pageCacheKiB}`);
    try {
      return await work();
    } finally {
      this.db.pragma(`cache_size = ${ownCacheSize}`);
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      if (existsSync(this.file)) {
        const fd = openSync(this.file, 'r+');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
    }
  }

  /** Closes the file, its checkpoint thread's connection first; `reopen` opens both again. */
  close(): void {
    this.checkpoints?.stop();
    this.checkpoints = null;
    if (this.db.open) this.db.close();
  }
}
