import type { StoredEvent } from '@leadledger/event-store';
import { assertNever } from '@leadledger/kernel';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { countDecision } from '../pool/fairness-report';
import {
  type MemberSkipReason,
  POOL_EVENT_TYPES,
  type PoolConfigurationEvent,
  type PoolEvent,
} from '../pool/pool.events';

export const POOL_HISTORY = 'pool-history';

/**
 * Every pool event but the claims and withdrawals of queued leads, which change no member's settings or counts.
 * applyToHistory skips those two as well, so each of the two filters makes the other's mutants that let them
 * through equivalent: this one only spares the projection events it would skip.
 */
const HISTORY_EVENT_TYPES = POOL_EVENT_TYPES.filter(
  (type) => type !== 'PoolQueuedLeadClaimed' && type !== 'PoolQueuedLeadWithdrawn',
);

/**
 * What each pool was and did, kept so reading it costs the same however old the log is:
 * - `pool_member_terms`: each member's weight, caps and pause reason from the policy version a
 *   configuration event started (a trace names its policy version, so the pause reason and the
 *   cap behind a skip are found without replaying the pool);
 * - `pool_day_members` and `pool_day_due`: per business day (the day the pool recorded) and
 *   member, leads given, skips by reason, and the exact sum of weight shares of the leads given,
 *   so a fairness window sums a few rows per day;
 * - `pool_lead_decisions`: which pool decided about a lead under which policy version (a lead's
 *   trace does not name its pool).
 */
export const poolHistoryProjection: Projection = {
  name: POOL_HISTORY,
  version: '1',
  tables: ['pool_history_pools', 'pool_member_terms', 'pool_day_members', 'pool_day_due', 'pool_lead_decisions'],
  eventTypes: HISTORY_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS pool_history_pools (
        pool_id        TEXT PRIMARY KEY,
        policy_version INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS pool_member_terms (
        pool_id        TEXT NOT NULL,
        rep_id         TEXT NOT NULL,
        from_version   INTEGER NOT NULL,
        weight         INTEGER NOT NULL,
        daily_cap      INTEGER,
        monthly_cap    INTEGER,
        paused_because TEXT,
        removed        INTEGER NOT NULL,
        PRIMARY KEY (pool_id, rep_id, from_version)
      );
      CREATE TABLE IF NOT EXISTS pool_day_members (
        pool_id             TEXT NOT NULL,
        day                 TEXT NOT NULL,
        rep_id              TEXT NOT NULL,
        given               INTEGER NOT NULL,
        skipped_passed_over INTEGER NOT NULL,
        skipped_paused      INTEGER NOT NULL,
        skipped_daily_cap   INTEGER NOT NULL,
        skipped_monthly_cap INTEGER NOT NULL,
        PRIMARY KEY (pool_id, day, rep_id)
      );
      CREATE TABLE IF NOT EXISTS pool_day_due (
        pool_id      TEXT NOT NULL,
        day          TEXT NOT NULL,
        rep_id       TEXT NOT NULL,
        total_weight INTEGER NOT NULL,
        weight_sum   INTEGER NOT NULL,
        PRIMARY KEY (pool_id, day, rep_id, total_weight)
      );
      CREATE TABLE IF NOT EXISTS pool_lead_decisions (
        lead_id        TEXT NOT NULL,
        policy_version INTEGER NOT NULL,
        pool_id        TEXT NOT NULL,
        PRIMARY KEY (lead_id, policy_version, pool_id)
      );
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    applyToHistory([stored], db);
  },
  applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
    applyToHistory(events, db);
  },
};

interface DayCounts {
  given: number;
  skips: Record<string, number>;
  due: Map<number, number>;
}

/** Terms change in log order; day counts are sums, gathered for the call and written once per row. */
function applyToHistory(events: readonly StoredEvent[], db: ReadModelConnection): void {
  const days = new Map<string, DayCounts>();
  for (const stored of events) {
    const event = { type: stored.type, data: stored.data } as unknown as PoolEvent;
    if (event.type === 'PoolLeadAssigned' || event.type === 'PoolLeadQueued') {
      const { poolId, day, leadId, trace } = event.data;
      db.prepare('INSERT OR IGNORE INTO pool_lead_decisions (lead_id, policy_version, pool_id) VALUES (?, ?, ?)').run(
        leadId,
        trace.policyVersion,
        poolId,
      );
      for (const row of countDecision(event)) {
        const key = JSON.stringify([poolId, day, row.repId]);
        const counts: DayCounts = days.get(key) ?? { given: 0, skips: {}, due: new Map() };
        counts.given += row.given;
        // Equivalent mutant: counting a null skip as skips['null'] changes nothing writeDay reads.
        if (row.skip) counts.skips[row.skip] = (counts.skips[row.skip] ?? 0) + 1;
        if (row.weight > 0) counts.due.set(row.totalWeight, (counts.due.get(row.totalWeight) ?? 0) + row.weight);
        days.set(key, counts);
      }
    } else if (event.type !== 'PoolQueuedLeadClaimed' && event.type !== 'PoolQueuedLeadWithdrawn') {
      changeTerms(event, db);
    }
  }
  for (const [key, counts] of days) writeDay(db, JSON.parse(key) as [string, string, string], counts);
}

function writeDay(db: ReadModelConnection, [poolId, day, repId]: [string, string, string], counts: DayCounts) {
  const skip = (reason: MemberSkipReason) => counts.skips[reason] ?? 0;
  db.prepare(
    `INSERT INTO pool_day_members (pool_id, day, rep_id, given, skipped_passed_over, skipped_paused,
       skipped_daily_cap, skipped_monthly_cap) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (pool_id, day, rep_id) DO UPDATE SET given = given + excluded.given,
       skipped_passed_over = skipped_passed_over + excluded.skipped_passed_over,
       skipped_paused = skipped_paused + excluded.skipped_paused,
       skipped_daily_cap = skipped_daily_cap + excluded.skipped_daily_cap,
       skipped_monthly_cap = skipped_monthly_cap + excluded.skipped_monthly_cap`,
  ).run(poolId, day, repId, counts.given, skip('passed-over'), skip('paused'), skip('daily-cap'), skip('monthly-cap'));
  for (const [totalWeight, weightSum] of counts.due) {
    db.prepare(
      `INSERT INTO pool_day_due (pool_id, day, rep_id, total_weight, weight_sum) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (pool_id, day, rep_id, total_weight) DO UPDATE SET weight_sum = weight_sum + excluded.weight_sum`,
    ).run(poolId, day, repId, totalWeight, weightSum);
  }
}

interface TermsRow {
  weight: number;
  daily_cap: number | null;
  monthly_cap: number | null;
  paused_because: string | null;
  removed: number;
}

/** Every configuration event starts the next policy version (as evolvePool counts them); the member it names gets a row. */
function changeTerms(event: PoolConfigurationEvent, db: ReadModelConnection): void {
  const { poolId } = event.data;
  if (event.type === 'PoolCreated') {
    db.prepare('INSERT OR IGNORE INTO pool_history_pools (pool_id, policy_version) VALUES (?, 1)').run(poolId);
    return;
  }
  const pool = db.prepare('SELECT policy_version FROM pool_history_pools WHERE pool_id = ?').get(poolId) as
    { policy_version: number } | undefined;
  if (!pool) return;
  const version = pool.policy_version + 1;
  db.prepare('UPDATE pool_history_pools SET policy_version = ? WHERE pool_id = ?').run(version, poolId);
  const { repId } = event.data;
  const before = db
    .prepare(
      `SELECT weight, daily_cap, monthly_cap, paused_because, removed FROM pool_member_terms
       WHERE pool_id = ? AND rep_id = ? ORDER BY from_version DESC LIMIT 1`,
    )
    .get(poolId, repId) as TermsRow | undefined;
  // The decider changes only members, so a rep's first terms row is always its PoolMemberAdded, which ignores
  // the base: these defaults are never read (emptying them is an equivalent mutant).
  const after = changedTerms(
    event,
    before ?? { weight: 1, daily_cap: null, monthly_cap: null, paused_because: null, removed: 0 },
  );
  db.prepare(
    `INSERT INTO pool_member_terms (pool_id, rep_id, from_version, weight, daily_cap, monthly_cap, paused_because, removed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(poolId, repId, version, after.weight, after.daily_cap, after.monthly_cap, after.paused_because, after.removed);
}

function changedTerms(event: Exclude<PoolConfigurationEvent, { type: 'PoolCreated' }>, base: TermsRow): TermsRow {
  switch (event.type) {
    case 'PoolMemberAdded': {
      const { weight, dailyCap, monthlyCap } = event.data;
      return { weight, daily_cap: dailyCap, monthly_cap: monthlyCap, paused_because: null, removed: 0 };
    }
    case 'PoolMemberRemoved':
      return { ...base, removed: 1 };
    case 'PoolMemberPaused':
      return { ...base, paused_because: event.data.reason };
    case 'PoolMemberResumed':
      return { ...base, paused_because: null };
    case 'PoolMemberWeightChanged':
      return { ...base, weight: event.data.weight };
    case 'PoolMemberCapsChanged':
      return { ...base, daily_cap: event.data.dailyCap, monthly_cap: event.data.monthlyCap };
    default:
      return assertNever(event);
  }
}
