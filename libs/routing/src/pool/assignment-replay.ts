import { sameJson } from '@leadledger/kernel';
import type { PoolLeadAssigned, PoolLeadQueued, RoutingTrace } from './pool.events';
import { routeOne } from './pool-routing';
import type { PoolState } from './pool.state';

/** One input or output of a routing decision that came out differently on replay. */
export interface ReplayDifference {
  /** What differed, e.g. `policyVersion`, `candidates[rep-li].weight`, `rotationBefore`, `chosen`. */
  readonly input: string;
  readonly recorded: unknown;
  readonly replayed: unknown;
}

export interface PoolDecisionReplay {
  readonly policyVersion: number | null;
  readonly replayed: PoolLeadAssigned | PoolLeadQueued | null;
  readonly identical: boolean;
  readonly differences: readonly ReplayDifference[];
}

/** The trace's parts in the order a manager checks them: the policy, who could take it, the credits, the pick. */
function traceDifferences(recorded: RoutingTrace, replayed: RoutingTrace): ReplayDifference[] {
  const differences: ReplayDifference[] = [];
  const note = (input: string, a: unknown, b: unknown) => {
    if (!sameJson(a, b)) differences.push({ input, recorded: a, replayed: b });
  };
  note('strategy', recorded.strategy, replayed.strategy);
  note('policyVersion', recorded.policyVersion, replayed.policyVersion);
  note(
    'members',
    recorded.candidates.map((c) => c.repId),
    replayed.candidates.map((c) => c.repId),
  );
  for (const was of recorded.candidates) {
    const now = replayed.candidates.find((c) => c.repId === was.repId);
    if (!now) continue;
    for (const field of Object.keys(was) as (keyof typeof was)[]) {
      note(`candidates[${was.repId}].${field}`, was[field], now[field]);
    }
  }
  note('rotationBefore', recorded.rotationBefore, replayed.rotationBefore);
  note('chosen', recorded.chosen, replayed.chosen);
  note('rotationAfter', recorded.rotationAfter, replayed.rotationAfter);
  return differences;
}

/**
 * Re-runs a pool's routing decision for one lead from first principles: from the pool as its
 * events recorded before the decision leave it (`before`), routes the lead again with the same business
 * day and the reps it had to avoid, and compares the result with what was recorded. The only
 * inputs are the pool's own history and the recorded event's day and passed-over reps, so a
 * difference means the log or the rules changed since.
 */
export function replayPoolDecision(state: PoolState, recorded: PoolLeadAssigned): PoolDecisionReplay {
  if (state.status !== 'active') {
    const differences = [{ input: 'pool', recorded: recorded.data.poolId, replayed: null }];
    return { policyVersion: null, replayed: null, identical: false, differences };
  }
  const { leadId, day, month, fromQueue, rerouted, trace } = recorded.data;
  const passedOver = trace.candidates.filter((c) => c.skippedBecause === 'passed-over').map((c) => c.repId);
  const replayed = routeOne(state, { leadId, fromQueue, rerouted, passedOver }, { day, month });
  const differences = traceDifferences(trace, replayed.data.trace);
  if (replayed.type === 'PoolLeadAssigned') {
    if (replayed.data.sequence !== recorded.data.sequence) {
      differences.push({ input: 'sequence', recorded: recorded.data.sequence, replayed: replayed.data.sequence });
    }
  } else {
    differences.push({ input: 'outcome', recorded: 'assigned', replayed: 'queued' });
  }
  return {
    policyVersion: state.policyVersion,
    replayed,
    identical: differences.length === 0,
    differences,
  };
}
