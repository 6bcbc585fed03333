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

/** Attempts kept per subscription; older ones are dropped. */
export const DELIVERIES_KEPT = 1000;

/**
 * Each subscription's checkpoint and its latest delivery attempts, in the read-model file beside
 * the projections' checkpoints (not a projection: no rebuild drops them, verify ignores them).
 * A checkpoint is committed with the attempt that moved it, after each 2xx. If the read-model file
 * is lost or rebuilt after damage, the rows go with it, and delivery resumes from the position
 * the subscription's own stream vouches for (its creation, last failure or last replay).
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

  /** Records an attempt and, for a 2xx, the checkpoint it moves to, in one transaction. */
  record(attempt: DeliveryAttempt, delivered: WebhookCheckpoint | null): void {
    const db = this.db();
    db.transaction(() => {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO webhook_deliveries
             (subscription_id, event_id, position, attempt, status_code, latency_ms, error, attempted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
          attempted_at    TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, id);
      `);
      this.readyFor = db;
    }
    return db;
  }
}
