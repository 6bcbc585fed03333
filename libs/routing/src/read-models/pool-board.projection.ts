import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { POOL_EVENT_TYPES, type PoolEvent } from '../pool/pool.events';
import { type PoolState, evolvePool, initialPoolState } from '../pool/pool.state';
import { decodePool, encodePool } from './stored-pool-state';

export const POOL_BOARD = 'pool-board';

/**
 * Every pool as GET /pools/:id shows it, and which pools each rep is a member of. It folds the
 * pool events with the decider's own `evolvePool`, so the board and the rotation can never
 * disagree on the rules; the folded state is stored as deterministic JSON, one row per pool.
 * "Today" is not stored: the query counts the day and month it is asked about.
 */
export const poolBoardProjection: Projection = {
  name: POOL_BOARD,
  version: '1',
  tables: ['pool_board', 'pool_members'],
  eventTypes: POOL_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS pool_board (
        pool_id TEXT PRIMARY KEY,
        state   TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS pool_members (
        pool_id TEXT NOT NULL,
        rep_id  TEXT NOT NULL,
        PRIMARY KEY (pool_id, rep_id)
      );
      CREATE INDEX IF NOT EXISTS pool_members_by_rep ON pool_members (rep_id, pool_id);
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    applyToPools([stored], db);
  },
  applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
    applyToPools(events, db);
  },
};

/** Folds the events into their pools' states, decoding and encoding each pool once per call. */
function applyToPools(events: readonly StoredEvent[], db: ReadModelConnection): void {
  const states = new Map<string, PoolState>();
  for (const stored of events) {
    const event = { type: stored.type, data: stored.data } as unknown as PoolEvent;
    const { poolId } = event.data;
    const state = evolvePool(states.get(poolId) ?? storedPool(db, poolId), event);
    states.set(poolId, state);
    if (state.status === 'absent') continue;
    if (event.type === 'PoolMemberAdded') {
      db.prepare('INSERT OR IGNORE INTO pool_members (pool_id, rep_id) VALUES (?, ?)').run(poolId, event.data.repId);
    }
    if (event.type === 'PoolMemberRemoved') {
      db.prepare('DELETE FROM pool_members WHERE pool_id = ? AND rep_id = ?').run(poolId, event.data.repId);
    }
  }
  for (const [poolId, state] of states) {
    const encoded = encodePool(state);
    if (encoded === null) continue;
    db.prepare(
      'INSERT INTO pool_board (pool_id, state) VALUES (?, ?) ON CONFLICT (pool_id) DO UPDATE SET state = excluded.state',
    ).run(poolId, encoded);
  }
}

function storedPool(db: ReadModelConnection, poolId: string): PoolState {
  const row = db.prepare('SELECT state FROM pool_board WHERE pool_id = ?').get(poolId) as { state: string } | undefined;
  return row ? decodePool(row.state) : initialPoolState;
}
