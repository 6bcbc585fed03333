import type { Projection, ReadModelConnection } from '@leadledger/projections';
import type { StoredEvent } from '@leadledger/event-store';
import type { CustomerEvent } from '../customer/customer.events';
import { CUSTOMER_EVENT_TYPES } from '../customer/customer.events';
import { DAY_MS } from '../customer/business-time';

export const CUSTOMER_DIRECTORY = 'customer-directory';

/**
 * Who owns which customer, found by any identity key, with every ownership interval, and
 * when each owner's protection ends and its warning is due (for the scheduler's sweeps).
 * Built from customer events only; times are the events' own business times. The *_ms
 * columns hold the same instants as epoch milliseconds, so comparisons never depend on how
 * an ISO string was written.
 */
export const customerDirectoryProjection: Projection = {
  name: CUSTOMER_DIRECTORY,
  // 3: the shared pool (公海): when and why each customer was last released, and by whom it was owned.
  version: '3',
  tables: ['customer_directory', 'customer_identity_keys', 'customer_ownership_intervals'],
  eventTypes: CUSTOMER_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS customer_directory (
        customer_id        TEXT PRIMARY KEY,
        registered_at      TEXT NOT NULL,
        first_lead_id      TEXT NOT NULL,
        first_lead_channel TEXT NOT NULL,
        finder_rep_id      TEXT,
        owner_rep_id       TEXT,
        owner_since        TEXT,
        owner_via          TEXT,
        protected_until    TEXT,
        last_follow_up_at  TEXT,
        owner_warning_days INTEGER,
        protected_until_ms INTEGER,
        warn_from_ms       INTEGER,
        warned             INTEGER NOT NULL DEFAULT 0,
        released_at        TEXT,
        released_at_ms     INTEGER,
        released_reason    TEXT,
        released_from      TEXT
      );
      CREATE INDEX IF NOT EXISTS customer_directory_by_owner ON customer_directory (owner_rep_id, customer_id);
      -- The scheduler's questions (due for a warning, due for release) read only what is due,
      -- not every customer ever registered.
      CREATE INDEX IF NOT EXISTS customer_directory_due_for_warning ON customer_directory (warn_from_ms)
        WHERE owner_rep_id IS NOT NULL AND warned = 0;
      CREATE INDEX IF NOT EXISTS customer_directory_due_for_release ON customer_directory (protected_until_ms)
        WHERE owner_rep_id IS NOT NULL;
      -- The shared pool (公海), newest release first.
      CREATE INDEX IF NOT EXISTS customer_directory_released ON customer_directory (released_at_ms DESC, customer_id)
        WHERE owner_rep_id IS NULL AND released_at IS NOT NULL;
      CREATE TABLE IF NOT EXISTS customer_identity_keys (
        kind        TEXT NOT NULL,
        value       TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        PRIMARY KEY (kind, value)
      );
      CREATE TABLE IF NOT EXISTS customer_ownership_intervals (
        customer_id TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        rep_id      TEXT NOT NULL,
        from_at     TEXT NOT NULL,
        to_at       TEXT,
        via         TEXT NOT NULL,
        reason      TEXT NOT NULL,
        event_id    TEXT NOT NULL,
        PRIMARY KEY (customer_id, seq)
      );
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    const event = { type: stored.type, data: stored.data } as unknown as CustomerEvent;
    const closeOpenInterval = (customerId: string, at: string) =>
      db
        .prepare('UPDATE customer_ownership_intervals SET to_at = ? WHERE customer_id = ? AND to_at IS NULL')
        .run(at, customerId);
    // A new protection window, set in the same UPDATE as what opened it (one row write per event):
    // its end, its warning due `warningDays` (an SQL expression) before that, and no warning yet.
    const newWindow = (warningDays: string) =>
      `protected_until = @protectedUntil, protected_until_ms = @untilMs,
       warn_from_ms = @untilMs - ${warningDays} * @dayMs, warned = 0`;
    const windowTo = (protectedUntil: string) => ({
      protectedUntil,
      untilMs: Date.parse(protectedUntil),
      dayMs: DAY_MS,
    });
    switch (event.type) {
      case 'CustomerRegistered': {
        const d = event.data;
        db.prepare(
          `INSERT INTO customer_directory (customer_id, registered_at, first_lead_id, first_lead_channel, finder_rep_id)
           VALUES (?, ?, ?, ?, ?)`,
        ).run(d.customerId, d.registeredAt, d.firstLeadId, d.firstLeadChannel, d.finderRepId);
        for (const key of d.keys) {
          db.prepare('INSERT INTO customer_identity_keys VALUES (?, ?, ?)').run(key.kind, key.value, d.customerId);
        }
        return;
      }
      case 'CustomerIdentityKeyAdded': {
        const { key, customerId } = event.data;
        db.prepare('INSERT OR IGNORE INTO customer_identity_keys VALUES (?, ?, ?)').run(
          key.kind,
          key.value,
          customerId,
        );
        return;
      }
      case 'OwnershipAssigned': {
        const d = event.data;
        closeOpenInterval(d.customerId, d.since);
        db.prepare(
          `INSERT INTO customer_ownership_intervals (customer_id, seq, rep_id, from_at, to_at, via, reason, event_id)
           VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM customer_ownership_intervals WHERE customer_id = ?),
                   ?, ?, NULL, ?, ?, ?)`,
        ).run(d.customerId, d.customerId, d.repId, d.since, d.via, d.reason, stored.id);
        db.prepare(
          `UPDATE customer_directory SET owner_rep_id = @repId, owner_since = @since, owner_via = @via,
             owner_warning_days = @warningDays, ${newWindow('@warningDays')}
           WHERE customer_id = @customerId`,
        ).run({
          repId: d.repId,
          since: d.since,
          via: d.via,
          warningDays: d.warningDays,
          customerId: d.customerId,
          ...windowTo(d.protectedUntil),
        });
        return;
      }
      case 'FollowUpLogged': {
        const d = event.data;
        db.prepare(
          `UPDATE customer_directory SET last_follow_up_at = @at, ${newWindow('owner_warning_days')}
           WHERE customer_id = @customerId`,
        ).run({ at: d.at, customerId: d.customerId, ...windowTo(d.protectedUntil) });
        return;
      }
      case 'ProtectionWarningIssued': {
        // A late warning moves the end (its `protectedUntil`); an earlier one repeats the same end.
        const d = event.data;
        db.prepare(
          `UPDATE customer_directory SET warned = 1, protected_until = @protectedUntil, protected_until_ms = @untilMs
           WHERE customer_id = @customerId`,
        ).run({ customerId: d.customerId, protectedUntil: d.protectedUntil, untilMs: Date.parse(d.protectedUntil) });
        return;
      }
      case 'CustomerReleased': {
        const d = event.data;
        closeOpenInterval(d.customerId, d.at);
        db.prepare(
          `UPDATE customer_directory SET owner_rep_id = NULL, owner_since = NULL, owner_via = NULL, protected_until = NULL,
             owner_warning_days = NULL, protected_until_ms = NULL, warn_from_ms = NULL, warned = 0,
             released_at = ?, released_at_ms = ?, released_reason = ?, released_from = ?
           WHERE customer_id = ?`,
        ).run(d.at, Date.parse(d.at), d.reason, d.repId, d.customerId);
        return;
      }
    }
  },
};
