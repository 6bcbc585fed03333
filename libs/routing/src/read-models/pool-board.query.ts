import type { ReadModelConnection } from '@leadledger/projections';
import type { BusinessDay } from '../pool/pool.commands';
import { type PoolView, poolView } from '../pool/pool-view';
import type { PoolStrategy } from '../pool/pool.events';
import { decodePool } from './stored-pool-state';

/** One pool in the list of pools: enough to pick it and see its size. */
export interface PoolSummary {
  readonly poolId: string;
  readonly name: string;
  readonly strategy: PoolStrategy;
  readonly policyVersion: number;
  readonly members: number;
  readonly pausedMembers: number;
  readonly queuedLeads: number;
}

/** The pool as the board knows it, with the day and month counts of `today`; null for an unknown pool. */
export function getPoolView(db: ReadModelConnection, poolId: string, today: BusinessDay): PoolView | null {
  const row = db.prepare('SELECT state FROM pool_board WHERE pool_id = ?').get(poolId) as { state: string } | undefined;
  return row ? poolView(decodePool(row.state), today) : null;
}

/** The pools the rep is a member of now (paused included), ordered by pool id. */
export function poolsWithMember(db: ReadModelConnection, repId: string): string[] {
  const rows = db.prepare('SELECT pool_id FROM pool_members WHERE rep_id = ? ORDER BY pool_id').all(repId) as {
    pool_id: string;
  }[];
  return rows.map((row) => row.pool_id);
}

/** The pools with leads waiting in their queue, by pool id: the scheduler drains them as a new day resets the caps. */
export function poolsWithQueuedLeads(db: ReadModelConnection): { readonly poolId: string }[] {
  const rows = db
    .prepare("SELECT pool_id FROM pool_board WHERE json_array_length(state, '$.queue') > 0 ORDER BY pool_id")
    .all() as { pool_id: string }[];
  return rows.map((row) => ({ poolId: row.pool_id }));
}

/** Every pool the board knows, by pool id (a company has tens, not thousands). */
export function listPools(db: ReadModelConnection): PoolSummary[] {
  const rows = db.prepare('SELECT state FROM pool_board ORDER BY pool_id').all() as { state: string }[];
  return rows.flatMap(({ state: encoded }) => {
    const state = decodePool(encoded);
    // decodePool always answers an active pool (the board stores no absent one): this guard only narrows the
    // type, so its mutants (`false`, `""`, a non-empty answer) are equivalent.
    if (state.status === 'absent') return [];
    const { poolId, name, strategy } = state.settings;
    const pausedMembers = state.members.filter((m) => m.pausedBecause !== null).length;
    return [
      {
        poolId,
        name,
        strategy,
        policyVersion: state.policyVersion,
        members: state.members.length,
        pausedMembers,
        queuedLeads: state.queue.length,
      },
    ];
  });
}
