import { poolDecider } from './pool.decider';
import type { PoolEvent } from './pool.events';
import { poolSnapshot } from './pool.snapshot';
import type { ActivePool, PoolState } from './pool.state';
import { MONDAY, TUESDAY, added, claim, created, paused, route, routeMany, run } from './pool.test-fixtures';

const fold = (events: readonly PoolEvent[]): PoolState => events.reduce(poolDecider.evolve, poolDecider.initialState);
/** Through the text a snapshot store keeps. */
const restored = (state: PoolState): PoolState =>
  poolSnapshot.fromJson(JSON.parse(JSON.stringify(poolSnapshot.toJson(state))));

describe('pool snapshot', () => {
  const history: PoolEvent[] = [created(), added('rep-a', 2, 3), added('rep-b', 1, null, 10), paused('rep-b')];
  const routed = run(history, [...routeMany(5), claim('lead-5', 'rep-b'), route('lead-6', TUESDAY)]);
  const state = fold([...history, ...routed]) as ActivePool;

  it('is the decider codec', () => {
    expect(poolDecider.snapshot).toBe(poolSnapshot);
  });

  it('brings back the state it was written from: tallies, queue and routed leads included', () => {
    expect(state.queue.length).toBeGreaterThan(0);
    const back = restored(state) as ActivePool;
    expect(back).toEqual({ ...state, routed: expect.anything() });
    expect(back.tallies).toEqual(state.tallies);
    expect(back.routed.toJson()).toEqual(state.routed.toJson());
  });

  it('decides on the restored state as on the folded one', () => {
    const commands = [
      route('lead-7', TUESDAY),
      route('lead-1', TUESDAY),
      claim('lead-4', 'rep-b'),
      route('lead-8', MONDAY),
    ];
    const fromSnapshot = restored(state);
    for (const command of commands) {
      expect(poolDecider.decide(command, fromSnapshot)).toEqual(poolDecider.decide(command, state));
    }
  });

  it('keeps a pool that does not exist yet', () => {
    expect(restored(poolDecider.initialState)).toEqual({ status: 'absent' });
  });
});
