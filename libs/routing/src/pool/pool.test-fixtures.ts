import type { BusinessDay, PoolCommand } from './pool.commands';
import { poolDecider } from './pool.decider';
import type { PoolEvent, PoolStrategy, RoutingCandidate } from './pool.events';
import type { PoolState } from './pool.state';

/** Builders shared by the pool specs; not part of the public API. */
export const POOL = 'pool-1';
export const MONDAY: BusinessDay = { day: '2026-03-02', month: '2026-03' };
export const TUESDAY: BusinessDay = { day: '2026-03-03', month: '2026-03' };

export const created = (strategy: PoolStrategy = 'smooth-weighted-round-robin'): PoolEvent => ({
  type: 'PoolCreated',
  data: {
    poolId: POOL,
    name: 'Inbound East',
    strategy,
    acceptanceSlaMinutes: 30,
    protectionDays: 30,
    protectionWarningDays: 5,
  },
});

export const added = (repId: string, weight = 1, dailyCap: number | null = null, monthlyCap: number | null = null) =>
  ({ type: 'PoolMemberAdded', data: { poolId: POOL, repId, weight, dailyCap, monthlyCap } }) satisfies PoolEvent;

export const paused = (repId: string, reason = 'leave') =>
  ({ type: 'PoolMemberPaused', data: { poolId: POOL, repId, reason } }) satisfies PoolEvent;

export const route = (leadId: string, when: BusinessDay = MONDAY): PoolCommand => ({
  kind: 'RouteLead',
  poolId: POOL,
  leadId,
  ...when,
});

export const reroute = (leadId: string, passedOver: readonly string[], when: BusinessDay = MONDAY): PoolCommand => ({
  kind: 'RerouteLead',
  poolId: POOL,
  leadId,
  passedOver,
  ...when,
});

export const claim = (leadId: string, repId: string): PoolCommand => ({
  kind: 'ClaimQueuedLead',
  poolId: POOL,
  leadId,
  repId,
});

export const withdraw = (leadId: string, reason = 'disqualified: spam'): PoolCommand => ({
  kind: 'WithdrawQueuedLead',
  poolId: POOL,
  leadId,
  reason,
});

/** Folds the history, then decides each command in turn, keeping what was accepted. */
export function run(history: readonly PoolEvent[], commands: readonly PoolCommand[]): PoolEvent[] {
  let state: PoolState = history.reduce(poolDecider.evolve, poolDecider.initialState);
  const emitted: PoolEvent[] = [];
  for (const command of commands) {
    const decision = poolDecider.decide(command, state);
    if (!Array.isArray(decision)) continue;
    for (const event of decision as PoolEvent[]) {
      emitted.push(event);
      state = poolDecider.evolve(state, event);
    }
  }
  return emitted;
}

/** Who got each assigned lead, in order. */
export const chosenReps = (events: readonly PoolEvent[]): string[] =>
  events.flatMap((event) => (event.type === 'PoolLeadAssigned' ? [event.data.repId] : []));

export const candidate = (repId: string, weight = 1, extra: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  repId,
  weight,
  eligible: true,
  skippedBecause: null,
  assignedToday: 0,
  assignedThisMonth: 0,
  lastAssignment: null,
  ...extra,
});
export const routeMany = (count: number, when = MONDAY): PoolCommand[] =>
  Array.from({ length: count }, (_, i) => route(`lead-${i + 1}`, when));
export const assignedTo = (repId: string, extra: object = {}): PoolEvent => ({
  type: 'PoolLeadAssigned',
  data: expect.objectContaining({ repId, ...extra }),
});
