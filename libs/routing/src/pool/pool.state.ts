import { assertNever } from '@leadledger/kernel';
import type { Rotation } from '../smooth-weighted-round-robin';
import type { PoolCreated, PoolEvent, PoolLeadAssigned } from './pool.events';
import { RoutedLeads } from './routed-leads';

export type PoolSettings = PoolCreated['data'];

export interface PoolMember {
  readonly repId: string;
  readonly weight: number;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
  /** Null while the member takes leads; the manager's reason while paused. */
  readonly pausedBecause: string | null;
}

/** A rep's assignments from this pool. Kept per rep, not per member, so removing and re-adding a rep cannot reset a cap. */
export interface RepTally {
  readonly day: string;
  readonly assignedOnDay: number;
  readonly month: string;
  readonly assignedInMonth: number;
  readonly lastAssignment: number;
}

/** A lead waiting for an eligible member, with the reps it must not go to (from a re-route). */
export interface QueuedLead {
  readonly leadId: string;
  readonly passedOver: readonly string[];
}

export interface ActivePool {
  readonly status: 'active';
  readonly settings: PoolSettings;
  readonly policyVersion: number;
  /** In the order they joined the pool: the last tie-break of both strategies. */
  readonly members: readonly PoolMember[];
  readonly rotation: Rotation;
  readonly tallies: ReadonlyMap<string, RepTally>;
  /** Leads waiting for an eligible member, oldest first. */
  readonly queue: readonly QueuedLead[];
  /**
   * leadId -> repId of every lead this pool assigned or saw claimed, so a retried RouteLead or
   * RerouteLead is recognised. Persistent (O(1) per assignment): see routed-leads.ts.
   */
  readonly routed: RoutedLeads;
  readonly lastSequence: number;
}

export type PoolState = { readonly status: 'absent' } | ActivePool;

export const initialPoolState: PoolState = { status: 'absent' };

export const assignedOn = (tally: RepTally | undefined, day: string): number =>
  tally?.day === day ? tally.assignedOnDay : 0;
export const assignedIn = (tally: RepTally | undefined, month: string): number =>
  tally?.month === month ? tally.assignedInMonth : 0;

/**
 * Every configuration change bumps the policy version and resets the rotation credits to
 * zero. Without the reset, credits from the old membership carry over and the first cycle
 * after a change no longer hands each member exactly its weight; with it, every run that
 * starts at a change is a fresh, predictable rotation, and a pause (a holiday) cannot leave
 * a gap that repeats every cycle afterwards. No event records the reset: evolve does it.
 */
function reconfigure(state: ActivePool, members: readonly PoolMember[]): ActivePool {
  return { ...state, members, policyVersion: state.policyVersion + 1, rotation: {} };
}

const updateMember = (state: ActivePool, repId: string, change: Partial<PoolMember>): ActivePool =>
  reconfigure(
    state,
    state.members.map((member) => (member.repId === repId ? { ...member, ...change } : member)),
  );

function countAssignment(tally: RepTally | undefined, data: PoolLeadAssigned['data']): RepTally {
  // Days arrive in routing order; a late lead for an older day does not wind the counters back.
  const sameOrOlderDay = tally !== undefined && tally.day >= data.day;
  const sameOrOlderMonth = tally !== undefined && tally.month >= data.month;
  return {
    day: sameOrOlderDay ? tally.day : data.day,
    assignedOnDay: sameOrOlderDay ? tally.assignedOnDay + (tally.day === data.day ? 1 : 0) : 1,
    month: sameOrOlderMonth ? tally.month : data.month,
    assignedInMonth: sameOrOlderMonth ? tally.assignedInMonth + (tally.month === data.month ? 1 : 0) : 1,
    lastAssignment: data.sequence,
  };
}

const withoutLead = (queue: readonly QueuedLead[], leadId: string): readonly QueuedLead[] =>
  queue.filter((queued) => queued.leadId !== leadId);

export const isQueued = (pool: ActivePool, leadId: string): boolean =>
  pool.queue.some((queued) => queued.leadId === leadId);

function assign(state: ActivePool, data: PoolLeadAssigned['data']): ActivePool {
  const tallies = new Map(state.tallies).set(data.repId, countAssignment(state.tallies.get(data.repId), data));
  return {
    ...state,
    tallies,
    routed: state.routed.set(data.leadId, data.repId),
    queue: data.fromQueue ? withoutLead(state.queue, data.leadId) : state.queue,
    // Only the round robin keeps credits; least-assigned derives everything from the tallies.
    rotation: data.trace.strategy === 'smooth-weighted-round-robin' ? data.trace.rotationAfter : state.rotation,
    lastSequence: data.sequence,
  };
}

export function evolvePool(state: PoolState, event: PoolEvent): PoolState {
  if (event.type === 'PoolCreated') {
    const settings = event.data;
    const empty = { members: [], rotation: {}, tallies: new Map(), queue: [], lastSequence: 0 };
    return { status: 'active', settings, policyVersion: 1, ...empty, routed: RoutedLeads.empty() };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'PoolMemberAdded': {
      const { repId, weight, dailyCap, monthlyCap } = event.data;
      return reconfigure(state, [...state.members, { repId, weight, dailyCap, monthlyCap, pausedBecause: null }]);
    }
    case 'PoolMemberRemoved':
      return reconfigure(
        state,
        state.members.filter((member) => member.repId !== event.data.repId),
      );
    case 'PoolMemberPaused':
      return updateMember(state, event.data.repId, { pausedBecause: event.data.reason });
    case 'PoolMemberResumed':
      return updateMember(state, event.data.repId, { pausedBecause: null });
    case 'PoolMemberWeightChanged':
      return updateMember(state, event.data.repId, { weight: event.data.weight });
    case 'PoolMemberCapsChanged':
      return updateMember(state, event.data.repId, {
        dailyCap: event.data.dailyCap,
        monthlyCap: event.data.monthlyCap,
      });
    case 'PoolLeadAssigned':
      return assign(state, event.data);
    case 'PoolLeadQueued': {
      const { leadId, passedOver } = event.data;
      return { ...state, queue: [...state.queue, { leadId, passedOver }] };
    }
    case 'PoolQueuedLeadClaimed':
      // A claim is not a rotation pick: no tally, credit or sequence moves; only who holds the lead.
      return {
        ...state,
        queue: withoutLead(state.queue, event.data.leadId),
        routed: state.routed.set(event.data.leadId, event.data.repId),
      };
    case 'PoolQueuedLeadWithdrawn':
      return { ...state, queue: withoutLead(state.queue, event.data.leadId) };
    default:
      return assertNever(event);
  }
}
