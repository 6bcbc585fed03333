import type { ReadModelConnection } from '@leadledger/projections';
import type { IdentityKey } from '../identity/identity-key';

export interface CustomerOwnershipIntervalView {
  readonly repId: string;
  readonly from: string;
  readonly to: string | null;
  readonly via: string;
  readonly reason: string;
  /** The event that started the interval, for tracing a dispute back to the log. */
  readonly eventId: string;
}

export interface CustomerView {
  readonly customerId: string;
  readonly registeredAt: string;
  readonly firstLeadId: string;
  readonly firstLeadChannel: string;
  readonly finderRepId: string | null;
  readonly owner: {
    readonly repId: string;
    readonly since: string;
    readonly via: string;
    readonly protectedUntil: string;
    /** Whether the 流失预警 of this protection window went out. */
    readonly warned: boolean;
    /** When the warning is (or was) due; null for a policy with no warning days. */
    readonly warningDueAt: string | null;
  } | null;
  readonly lastFollowUpAt: string | null;
  readonly identityKeys: IdentityKey[];
  readonly ownership: CustomerOwnershipIntervalView[];
}

interface DirectoryRow {
  customer_id: string;
  registered_at: string;
  first_lead_id: string;
  first_lead_channel: string;
  finder_rep_id: string | null;
  owner_rep_id: string | null;
  owner_since: string | null;
  owner_via: string | null;
  protected_until: string | null;
  owner_warning_days: number | null;
  warn_from_ms: number | null;
  warned: number;
  last_follow_up_at: string | null;
}

export function findCustomerIdByKey(db: ReadModelConnection, key: IdentityKey): string | null {
  const row = db
    .prepare('SELECT customer_id FROM customer_identity_keys WHERE kind = ? AND value = ?')
    .get(key.kind, key.value) as { customer_id: string } | undefined;
  return row?.customer_id ?? null;
}

export function getCustomer(db: ReadModelConnection, customerId: string): CustomerView | null {
  const row = db.prepare('SELECT * FROM customer_directory WHERE customer_id = ?').get(customerId) as
    DirectoryRow | undefined;
  if (!row) return null;
  const identityKeys = db
    .prepare('SELECT kind, value FROM customer_identity_keys WHERE customer_id = ? ORDER BY kind, value')
    .all(customerId) as IdentityKey[];
  const ownership = db
    .prepare(
      `SELECT rep_id AS repId, from_at AS "from", to_at AS "to", via, reason, event_id AS eventId
       FROM customer_ownership_intervals WHERE customer_id = ? ORDER BY seq`,
    )
    .all(customerId) as CustomerOwnershipIntervalView[];
  return {
    customerId: row.customer_id,
    registeredAt: row.registered_at,
    firstLeadId: row.first_lead_id,
    firstLeadChannel: row.first_lead_channel,
    finderRepId: row.finder_rep_id,
    owner:
      row.owner_rep_id === null
        ? null
        : {
            repId: row.owner_rep_id,
            since: row.owner_since!,
            via: row.owner_via!,
            protectedUntil: row.protected_until!,
            warned: row.warned === 1,
            warningDueAt: row.owner_warning_days ? new Date(row.warn_from_ms!).toISOString() : null,
          },
    lastFollowUpAt: row.last_follow_up_at,
    identityKeys,
    ownership,
  };
}

/** The owner at a business time, from the recorded intervals (from inclusive, to exclusive). */
export function ownerAsOf(
  db: ReadModelConnection,
  customerId: string,
  asOf: string,
): CustomerOwnershipIntervalView | null {
  const row = db
    .prepare(
      `SELECT rep_id AS repId, from_at AS "from", to_at AS "to", via, reason, event_id AS eventId
       FROM customer_ownership_intervals
       WHERE customer_id = ? AND from_at <= ? AND (to_at IS NULL OR to_at > ?)
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(customerId, asOf, asOf) as CustomerOwnershipIntervalView | undefined;
  return row ?? null;
}

/** A customer whose owner's protection is about to end or has ended, for the scheduler's sweeps. */
export interface CustomerProtectionDue {
  readonly customerId: string;
  readonly repId: string;
  readonly protectedUntil: string;
}

const instant = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${iso}`);
  return ms;
};

/**
 * Owned customers not yet warned whose warning is due at `now` (warn_from <= now), including
 * those whose end passed unwarned: their warning comes late and moves the end.
 */
export function customersDueForWarning(db: ReadModelConnection, now: string): CustomerProtectionDue[] {
  return db
    .prepare(
      `SELECT customer_id AS customerId, owner_rep_id AS repId, protected_until AS protectedUntil
       FROM customer_directory
       WHERE owner_rep_id IS NOT NULL AND warned = 0 AND warn_from_ms <= ? AND owner_warning_days > 0
       ORDER BY protected_until_ms, customer_id`,
    )
    .all(instant(now)) as CustomerProtectionDue[];
}

/** Owned customers whose protection has ended by `now`: due to return to the shared pool (公海). */
export function customersDueForRelease(db: ReadModelConnection, now: string): CustomerProtectionDue[] {
  return db
    .prepare(
      `SELECT customer_id AS customerId, owner_rep_id AS repId, protected_until AS protectedUntil
       FROM customer_directory
       WHERE owner_rep_id IS NOT NULL AND protected_until_ms <= ?
       ORDER BY protected_until_ms, customer_id`,
    )
    .all(instant(now)) as CustomerProtectionDue[];
}

/** The customers a rep owns now, for a departure's hand-over or release. */
export function customersOwnedBy(db: ReadModelConnection, repId: string): string[] {
  const rows = db
    .prepare('SELECT customer_id FROM customer_directory WHERE owner_rep_id = ? ORDER BY customer_id')
    .all(repId) as { customer_id: string }[];
  return rows.map((row) => row.customer_id);
}
