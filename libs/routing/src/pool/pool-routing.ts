import { assertNever } from '@leadledger/kernel';
import { pickLeastAssigned } from '../least-assigned';
import { type Rotation, pickSmoothWeighted } from '../smooth-weighted-round-robin';
import type { BusinessDay } from './pool.commands';
import type { MemberSkipReason, PoolLeadAssigned, PoolLeadQueued, RoutingCandidate } from './pool.events';
import { type ActivePool, type PoolMember, type RepTally, assignedIn, assignedOn, evolvePool } from './pool.state';

function skipReason(member: PoolMember, tally: RepTally | undefined, when: BusinessDay): MemberSkipReason | null {
  if (member.pausedBecause !== null) return 'paused';
  if (member.dailyCap !== null && assignedOn(tally, when.day) >= member.dailyCap) return 'daily-cap';
  if (member.monthlyCap !== null && assignedIn(tally, when.month) >= member.monthlyCap) return 'monthly-cap';
  return null;
}

/** Every member, in join order, as the router sees it on that business day. Removed (departed) reps are not members. */
export function candidatesFor(pool: ActivePool, when: BusinessDay): RoutingCandidate[] {
  return pool.members.map((member) => {
    const tally = pool.tallies.get(member.repId);
    const skippedBecause = skipReason(member, tally, when);
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
export function routeOne(
  pool: ActivePool,
  leadId: string,
  when: BusinessDay,
  fromQueue: boolean,
): PoolLeadAssigned | PoolLeadQueued {
  const candidates = candidatesFor(pool, when);
  const { chosen, rotationBefore, rotationAfter } = choose(pool, candidates);
  const { strategy, poolId } = pool.settings;
  const trace = { strategy, policyVersion: pool.policyVersion, candidates, rotationBefore, rotationAfter, chosen };
  const { day, month } = when;
  if (chosen === null) return { type: 'PoolLeadQueued', data: { poolId, leadId, day, month, trace } };
  const sequence = pool.lastSequence + 1;
  return {
    type: 'PoolLeadAssigned',
    data: { poolId, leadId, repId: chosen, day, month, sequence, fromQueue, trace },
  };
}

/** Assigns queued leads oldest first while someone is eligible; eligibility does not depend on the lead, so the first miss ends it. */
export function drainQueue(pool: ActivePool, when: BusinessDay): PoolLeadAssigned[] {
  const assigned: PoolLeadAssigned[] = [];
  let state = pool;
  for (const leadId of pool.queue) {
    const event = routeOne(state, leadId, when, true);
    if (event.type !== 'PoolLeadAssigned') break;
    assigned.push(event);
    state = evolvePool(state, event) as ActivePool;
  }
  return assigned;
}
