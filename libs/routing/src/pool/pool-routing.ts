import { assertNever } from '@leadledger/kernel';
import { pickLeastAssigned } from '../least-assigned';
import { type Rotation, pickSmoothWeighted } from '../smooth-weighted-round-robin';
import type { BusinessDay } from './pool.commands';
import type { MemberSkipReason, PoolLeadAssigned, PoolLeadQueued, RoutingCandidate } from './pool.events';
import { type ActivePool, type PoolMember, type RepTally, assignedIn, assignedOn, evolvePool } from './pool.state';

/** What a routing decision knows besides the pool: where the lead comes from and whom it must avoid. */
export interface LeadToRoute {
  readonly leadId: string;
  readonly fromQueue: boolean;
  readonly rerouted: boolean;
  readonly passedOver: readonly string[];
}

function skipReason(
  member: PoolMember,
  tally: RepTally | undefined,
  when: BusinessDay,
  passedOver: readonly string[],
): MemberSkipReason | null {
  // Checked first: whatever else holds for the member, this lead must not go back to them.
  if (passedOver.includes(member.repId)) return 'passed-over';
  if (member.pausedBecause !== null) return 'paused';
  if (member.dailyCap !== null && assignedOn(tally, when.day) >= member.dailyCap) return 'daily-cap';
  if (member.monthlyCap !== null && assignedIn(tally, when.month) >= member.monthlyCap) return 'monthly-cap';
  return null;
}

/** Every member, in join order, as the router sees it on that business day. Removed (departed) reps are not members. */
export function candidatesFor(
  pool: ActivePool,
  when: BusinessDay,
  passedOver: readonly string[] = [],
): RoutingCandidate[] {
  return pool.members.map((member) => {
    const tally = pool.tallies.get(member.repId);
    const skippedBecause = skipReason(member, tally, when, passedOver);
    return {
      repId: member.repId,
      weight: member.weight,
      eligible: skippedBecause === null,
      skippedBecause,
      assignedToday: assignedOn(tally, when.day),
      assignedThisMonth: assignedIn(tally, when.month),
      lastAssignment: tally?.lastAssignment ?? null,
    };
  });
}

interface Choice {
  readonly chosen: string | null;
  readonly rotationBefore: Rotation;
  readonly rotationAfter: Rotation;
}

function choose(pool: ActivePool, candidates: readonly RoutingCandidate[]): Choice {
  const eligible = candidates.filter((candidate) => candidate.eligible);
  const strategy = pool.settings.strategy;
  switch (strategy) {
    case 'smooth-weighted-round-robin': {
      const pick = pickSmoothWeighted(eligible, pool.rotation);
      return {
        chosen: pick?.chosen ?? null,
        rotationBefore: pool.rotation,
        rotationAfter: pick?.rotation ?? pool.rotation,
      };
    }
    case 'least-assigned': {
      const chosen = pickLeastAssigned(eligible);
      const before = Object.fromEntries(candidates.map((c) => [c.repId, c.assignedToday]));
      const after = chosen === null ? before : { ...before, [chosen]: before[chosen] + 1 };
      return { chosen, rotationBefore: before, rotationAfter: after };
    }
    default:
      return assertNever(strategy);
  }
}

/** Assigns one lead to the next eligible member, or queues it with every candidate's reason. */
export function routeOne(pool: ActivePool, lead: LeadToRoute, when: BusinessDay): PoolLeadAssigned | PoolLeadQueued {
  const { leadId, fromQueue, rerouted, passedOver } = lead;
  const candidates = candidatesFor(pool, when, passedOver);
  const { chosen, rotationBefore, rotationAfter } = choose(pool, candidates);
  const { strategy, poolId } = pool.settings;
  const trace = { strategy, policyVersion: pool.policyVersion, candidates, rotationBefore, rotationAfter, chosen };
  const { day, month } = when;
  if (chosen === null) return { type: 'PoolLeadQueued', data: { poolId, leadId, day, month, passedOver, trace } };
  const sequence = pool.lastSequence + 1;
  return {
    type: 'PoolLeadAssigned',
    data: { poolId, leadId, repId: chosen, day, month, sequence, fromQueue, rerouted, trace },
  };
}

/**
 * Nobody could take any lead: every member was skipped for a reason that is not about this lead.
 * Only a shortcut: going on would queue every later lead too, so mutants that never stop the
 * drain (`false`, `candidate.eligible`, a missing result) are equivalent; one that stops too
 * early is not (the spec "when every member passed a lead over").
 */
const nobodyEligible = (event: PoolLeadQueued): boolean =>
  event.data.trace.candidates.every((candidate) => candidate.skippedBecause !== 'passed-over' && !candidate.eligible);

/**
 * Assigns queued leads oldest first while someone is eligible. A lead whose only eligible
 * members passed it over keeps waiting and the next one is tried; once nobody at all is
 * eligible, no later lead can be assigned either and the drain stops.
 */
export function drainQueue(pool: ActivePool, when: BusinessDay): PoolLeadAssigned[] {
  const assigned: PoolLeadAssigned[] = [];
  let state = pool;
  for (const { leadId, passedOver } of pool.queue) {
    const event = routeOne(state, { leadId, fromQueue: true, rerouted: false, passedOver }, when);
    if (event.type === 'PoolLeadQueued') {
      if (nobodyEligible(event)) break;
      continue;
    }
    assigned.push(event);
    state = evolvePool(state, event) as ActivePool;
  }
  return assigned;
}
