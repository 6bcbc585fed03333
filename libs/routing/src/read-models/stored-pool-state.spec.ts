import { type ActivePool, evolvePool, initialPoolState } from '../pool/pool.state';
import { added, created, route, run } from '../pool/pool.test-fixtures';
import { RoutedLeads } from '../pool/routed-leads';
import { decodePool, encodePool } from './stored-pool-state';

// Three reps of weight 1, three leads routed: each rep has a tally and a rotation credit.
const history = [created(), added('rep-a'), added('rep-b'), added('rep-c')];
const pool = [...history, ...run(history, [route('lead-1'), route('lead-2'), route('lead-3')])].reduce(
  evolvePool,
  initialPoolState,
) as ActivePool;

/** The same pool with its rotation and tallies built in another order (as another replay might). */
const builtInOrder = (order: string[]): ActivePool => ({
  ...pool,
  rotation: Object.fromEntries(order.map((repId) => [repId, pool.rotation[repId]])),
  tallies: new Map(order.map((repId) => [repId, pool.tallies.get(repId)!])),
});

describe('stored pool state', () => {
  it('stores the same JSON for the same pool, whatever order its rotation and tallies were built in', () => {
    const stored = encodePool(pool);
    expect(encodePool(builtInOrder(['rep-b', 'rep-c', 'rep-a']))).toBe(stored);
    expect(encodePool(builtInOrder(['rep-c', 'rep-a', 'rep-b']))).toBe(stored);
    const { rotation, tallies } = JSON.parse(encodePool(builtInOrder(['rep-b', 'rep-c', 'rep-a']))!) as {
      rotation: [string, number][];
      tallies: [string, unknown][];
    };
    expect(rotation.map(([repId]) => repId)).toEqual(['rep-a', 'rep-b', 'rep-c']);
    expect(tallies.map(([repId]) => repId)).toEqual(['rep-a', 'rep-b', 'rep-c']);
  });

  it('reads back the pool the decider folded, all but the routed leads only its idempotency needs', () => {
    expect(decodePool(encodePool(pool)!)).toEqual({ ...pool, routed: RoutedLeads.empty() });
  });

  it('stores nothing for a pool never created', () => {
    expect(encodePool(initialPoolState)).toBeNull();
  });
});
