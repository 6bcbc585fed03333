import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { poolStreamId } from '@leadledger/routing';
import { BENCH_POOL_ID } from '../intake/seed';

/** Copies a cached log into a fresh data directory as the engine's events file. */
export function useLog(source: string, dataDir: string): void {
  copyFileSync(source, join(dataDir, 'events.sqlite'));
}

/** Events in the file and in the big pool's stream, read on a connection of our own (WAL: never blocks the engine). */
export function logSize(dataDir: string): { events: number; poolStreamEvents: number } {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const events = (db.prepare('SELECT coalesce(max(position), 0) AS n FROM events').get() as { n: number }).n;
    const pool = db
      .prepare('SELECT count(*) AS n FROM events WHERE stream_id = ?')
      .get(poolStreamId(BENCH_POOL_ID)) as {
      n: number;
    };
    return { events, poolStreamEvents: pool.n };
  } finally {
    db.close();
  }
}
