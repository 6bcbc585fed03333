import type { ReadModelConnection } from '@leadledger/projections';
import { type MemberFairnessCounts, noSkips } from '../pool/fairness-report';

/** A member's caps and pause reason under one policy version: what a trace does not carry. */
export interface PoolMemberTerms {
  readonly weight: number;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
  readonly pausedBecause: string | null;
}

/**
 * The terms of the given reps under a pool's policy version (a trace's `policyVersion`); reps
 * who were not members then are left out. One indexed look-up per rep.
 */
export function memberTermsAt(
  db: ReadModelConnection,
  poolId: string,
  policyVersion: number,
  repIds: readonly string[],
): Map<string, PoolMemberTerms> {
  const terms = new Map<string, PoolMemberTerms>();
  const lookUp = db.prepare(
    `SELECT weight, daily_cap, monthly_cap, paused_because, removed FROM pool_member_terms
     WHERE pool_id = ? AND rep_id = ? AND from_version <= ? ORDER BY from_version DESC LIMIT 1`,
  );
  for (const repId of repIds) {
    const row = lookUp.get(poolId, repId, policyVersion) as
      | {
          weight: number;
          daily_cap: number | null;
          monthly_cap: number | null;
          paused_because: string | null;
          removed: number;
        }
      | undefined;
    if (!row || row.removed === 1) continue;
    terms.set(repId, {
      weight: row.weight,
      dailyCap: row.daily_cap,
      monthlyCap: row.monthly_cap,
      pausedBecause: row.paused_because,
    });
  }
  return terms;
}

/** The pool that decided about the lead under that policy version (the first by id, should two have). */
export function poolOfDecision(db: ReadModelConnection, leadId: string, policyVersion: number): string | null {
  const row = db
    .prepare(
      'SELECT pool_id FROM pool_lead_decisions WHERE lead_id = ? AND policy_version = ? ORDER BY pool_id LIMIT 1',
    )
    .get(leadId, policyVersion) as { pool_id: string } | undefined;
  return row?.pool_id ?? null;
}

/** True when the pool-history read model has seen the pool's creation. */
export function poolHistoryKnows(db: ReadModelConnection, poolId: string): boolean {
  return db.prepare('SELECT 1 FROM pool_history_pools WHERE pool_id = ?').get(poolId) !== undefined;
}

/**
 * Each member's counts over the business days [fromDay, toDay), summed from the per-day rows:
 * the cost follows the days and members asked about, never the length of the log.
 */
export function poolFairnessCounts(
  db: ReadModelConnection,
  poolId: string,
  fromDay: string,
  toDay: string,
): MemberFairnessCounts[] {
  const members = db
    .prepare(
      `SELECT rep_id, sum(given) AS given, sum(skipped_passed_over) AS passed_over, sum(skipped_paused) AS paused,
         sum(skipped_daily_cap) AS daily_cap, sum(skipped_monthly_cap) AS monthly_cap
       FROM pool_day_members WHERE pool_id = ? AND day >= ? AND day < ? GROUP BY rep_id ORDER BY rep_id`,
    )
    .all(poolId, fromDay, toDay) as {
    rep_id: string;
    given: number;
    passed_over: number;
    paused: number;
    daily_cap: number;
    monthly_cap: number;
  }[];
  const dues = db
    .prepare(
      `SELECT rep_id, total_weight, sum(weight_sum) AS weight_sum FROM pool_day_due
       WHERE pool_id = ? AND day >= ? AND day < ? GROUP BY rep_id, total_weight ORDER BY rep_id, total_weight`,
    )
    .all(poolId, fromDay, toDay) as { rep_id: string; total_weight: number; weight_sum: number }[];
  const dueOf = new Map<string, Map<number, number>>();
  for (const due of dues) {
    const byTotal = dueOf.get(due.rep_id) ?? new Map<number, number>();
    byTotal.set(due.total_weight, due.weight_sum);
    dueOf.set(due.rep_id, byTotal);
  }
  return members.map((m) => ({
    repId: m.rep_id,
    given: m.given,
    skips: {
      ...noSkips(),
      'passed-over': m.passed_over,
      paused: m.paused,
      'daily-cap': m.daily_cap,
      'monthly-cap': m.monthly_cap,
    },
    dueByTotalWeight: dueOf.get(m.rep_id) ?? new Map(),
  }));
}
