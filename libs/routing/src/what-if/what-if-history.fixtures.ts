import type { PoolCommand } from '../pool/pool.commands';
import { poolDecider } from '../pool/pool.decider';
import type { PoolEvent } from '../pool/pool.events';
import type { PoolState } from '../pool/pool.state';
import type { routingWhatIf } from './routing-what-if';
import { type DatedPoolEvent, type RoutingWhatIfResult } from './routing-what-if';

/** The week of the what-if specs, March 2026. */
export const MON = '2026-03-02';
export const TUE = '2026-03-03';
export const WED = '2026-03-04';
export const THU = '2026-03-05';
export const FRI = '2026-03-06';
export const at = (day: string) => ({ day, month: day.slice(0, 7) });

/** Decides each [day, command] in turn and dates every accepted event with its day, as the engine would. */
export function history(
  setup: readonly PoolEvent[],
  steps: readonly (readonly [string, PoolCommand])[],
): DatedPoolEvent[] {
  let state: PoolState = poolDecider.initialState;
  const dated: DatedPoolEvent[] = [];
  for (const event of setup) {
    state = poolDecider.evolve(state, event);
    dated.push({ event, day: '2026-03-01', occurredAt: '2026-03-01T01:00:00.000Z' });
  }
  for (const [day, command] of steps) {
    const decision = poolDecider.decide(command, state);
    if (!Array.isArray(decision)) throw new Error(`refused: ${JSON.stringify(decision)}`);
    for (const event of decision as PoolEvent[]) {
      state = poolDecider.evolve(state, event);
      dated.push({ event, day, occurredAt: `${day}T02:00:00.000Z` });
    }
  }
  return dated;
}

/** The what-if's answer, or the spec fails naming the problems it found instead. */
export function answer(result: ReturnType<typeof routingWhatIf>): RoutingWhatIfResult {
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return result;
}
