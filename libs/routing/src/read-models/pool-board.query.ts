import type { ReadModelConnection } from '@leadledger/projections';
import type { BusinessDay } from '../pool/pool.commands';
import { type PoolView, poolView } from '../pool/pool-view';
import { decodePool } from './stored-pool-state';

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
