import { ReadModelDatabase } from '@leadledger/projections';
import { Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';

export interface WebhookCheckpoint {
  /** The last position passed: delivered with a 2xx, or looked at and not matching. */
  readonly position: bigint;
  /** How many of the subscription's replays have been applied. */
  readonly replays: number;
}

export interface DeliveryAttempt {
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly position: bigint;
  readonly attempt: number;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly attemptedAt: string;
}

/**
 * The attempts at one event that have failed so far, in a row, under the subscription's present
 * revision: what the next attempt continues from, after a restart of the engine too.
 */
export interface FailedAttempts {
  readonly attempts: number;
  /** When the last of them ended (its start plus its latency), in ms since 1970. */
  readonly lastEndedAt: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string;
}

/** Attempts kept per subscription; older ones are dropped. */
export const DELIVERIES_KEPT = 1000;

/**
 * Each subscription's checkpoint and its latest delivery attempts, in the read-model file beside
 * the projections' checkpoints (not a projection: no rebuild drops them, verify ignores them).
 * A checkpoint is committed with the attempt that moved it, after each 2xx. The attempts also
 * count the failures at the current event, so a restart of the engine continues that count (and
 * its backoff) rather than start it again; a change to the subscription (a new stream revision)
 * does start it again. If the read-model file is lost or rebuilt after damage, the rows go with
 * it, and delivery resumes from the position the subscription's own stream vouches for (its
 * creation, last failure or last replay), the count of failures at 1.
 */
@Injectable()
export class WebhookCheckpoints {
  private readyFor: Database.Database | null = null;

  constructor(private readonly readModels: ReadModelDatabase) {}

  load(subscriptionId: string): WebhookCheckpoint | null {
    const row = this.db()
      .prepare('SELECT position, replays FROM webhook_checkpoints WHERE subscription_id = ?')
      .safeIntegers(true)
      .get(subscriptionId) as { position: bigint; replays: bigint } | undefined;
    return row ? { position: row.position, replays: Number(row.replays) } : null;
  }

  save(subscriptionId: string, checkpoint: WebhookCheckpoint): void {
    this.db()
      .prepare(
        `INSERT INTO webhook_checkpoints (subscription_id, position, replays) VALUES (?, ?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET position = excluded.position, replays = excluded.replays`,
      )
      .run(subscriptionId, checkpoint.position, checkpoint.replays);
  }

  /**
   * Records an attempt, made while the subscription's stream was at `revision`, and, for a 2xx, the
   * checkpoint it moves to, in one transaction.
   */
  record(attempt: DeliveryAttempt, revision: bigint, delivered: WebhookCheckpoint | null): void {
    const db = this.db();
    db.transaction(() => {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO webhook_deliveries
             (subscription_id, event_id, position, attempt, status_code, latency_ms, error, attempted_at,
              subscription_revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          attempt.subscriptionId,
          attempt.eventId,
          attempt.position,
          attempt.attempt,
          attempt.statusCode,
          attempt.latencyMs,
          attempt.error,
          attempt.attemptedAt,
          revision,
        );
      // Bounded: every 100th attempt drops what lies beyond the newest DELIVERIES_KEPT of this subscription.
      if (BigInt(lastInsertRowid) % 100n === 0n)
        db.prepare(
          `DELETE FROM webhook_deliveries WHERE subscription_id = ? AND id <= (
             SELECT id FROM webhook_deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
        ).run(attempt.subscriptionId, attempt.subscriptionId, DELIVERIES_KEPT);
      if (delivered) this.save(attempt.subscriptionId, delivered);
    })();
  }

  /**
   * The failed attempts at the event at `position` so far, from the newest attempt: it failed, at
   * that event, under the same revision of the subscription. Any other newest attempt (a 2xx, another
   * event, a revision since changed, or a row older than the revision column) means none.
   */
  failedAttempts(subscriptionId: string, position: bigint, revision: bigint): FailedAttempts | null {
    const row = this.db()
      .prepare(
        `SELECT position, attempt, status_code, latency_ms, error, attempted_at, subscription_revision
         FROM webhook_deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .safeIntegers(true)
      .get(subscriptionId) as
      | {
          position: bigint;
          attempt: bigint;
          status_code: bigint | null;
          latency_ms: bigint;
          error: string | null;
          attempted_at: string;
          subscription_revision: bigint | null;
        }
      | undefined;
    if (!row || row.error === null || row.position !== position || row.subscription_revision !== revision) return null;
    return {
      attempts: Number(row.attempt),
      lastEndedAt: Date.parse(row.attempted_at) + Number(row.latency_ms),
      lastStatusCode: row.status_code === null ? null : Number(row.status_code),
      lastError: row.error,
    };
  }

  /** The newest attempts first, at most `limit` (and never more than DELIVERIES_KEPT). */
  deliveries(subscriptionId: string, limit: number): DeliveryAttempt[] {
    const rows = this.db()
      .prepare(
        `SELECT subscription_id AS subscriptionId, event_id AS eventId, position, attempt, status_code AS statusCode,
           latency_ms AS latencyMs, error, attempted_at AS attemptedAt
         FROM webhook_deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .safeIntegers(true)
      .all(subscriptionId, Math.min(limit, DELIVERIES_KEPT)) as Record<string, unknown>[];
    return rows.map((row) => ({
      ...(row as unknown as DeliveryAttempt),
      attempt: Number(row.attempt),
      statusCode: row.statusCode === null ? null : Number(row.statusCode),
      latencyMs: Number(row.latencyMs),
    }));
  }

  forget(subscriptionId: string): void {
    const db = this.db();
    db.transaction(() => {
      db.prepare('DELETE FROM webhook_checkpoints WHERE subscription_id = ?').run(subscriptionId);
      db.prepare('DELETE FROM webhook_deliveries WHERE subscription_id = ?').run(subscriptionId);
    })();
  }

  /** The current connection, with the tables made on it: after damage the file is replaced by an empty one. */
  private db(): Database.Database {
    const db = this.readModels.db;
    if (this.readyFor !== db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS webhook_checkpoints (
          subscription_id TEXT PRIMARY KEY,
          position        INTEGER NOT NULL,
          replays         INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,
          subscription_id TEXT    NOT NULL,
          event_id        TEXT    NOT NULL,
          position        INTEGER NOT NULL,
          attempt         INTEGER NOT NULL,
          status_code     INTEGER,
          latency_ms      INTEGER NOT NULL,
          error           TEXT,
          attempted_at    TEXT    NOT NULL,
          subscription_revision INTEGER
        );
        CREATE INDEX IF NOT EXISTS webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, id);
      `);
      // A file from before the column: its rows keep NULL, which continues no count of failures.
      const columns = db.prepare("SELECT name FROM pragma_table_info('webhook_deliveries')").all() as {
        name: string;
      }[];
      if (!columns.some((column) => column.name === 'subscription_revision'))
        db.exec('ALTER TABLE webhook_deliveries ADD COLUMN subscription_revision INTEGER');
      this.readyFor = db;
    }
    return db;
  }
}
