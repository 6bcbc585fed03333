import type { BusinessDay } from './pool.commands';
import type { PoolStrategy } from './pool.events';
import { type PoolState, type QueuedLead, assignedIn, assignedOn } from './pool.state';

export interface PoolMemberView {
  readonly repId: string;
  readonly weight: number;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
  readonly paused: boolean;
  readonly pausedBecause: string | null;
  /** Smooth weighted round robin: the member's running credit (0 under least-assigned). */
  readonly rotationCredit: number;
  readonly assignedToday: number;
  readonly assignedThisMonth: number;
  /** Pool-wide sequence number of the member's last lead, null if never: least-assigned's tie-break. */
  readonly lastAssignment: number | null;
}

export interface PoolView {
  readonly poolId: string;
  readonly name: string;
  readonly strategy: PoolStrategy;
  readonly policyVersion: number;
  readonly acceptanceSlaMinutes: number;
  readonly protectionDays: number;
  readonly protectionWarningDays: number;
  readonly members: readonly PoolMemberView[];
  /** Sequence number of the pool's last assignment (0 before the first). */
  readonly lastSequence: number;
  /** The unassigned queue, oldest first, each lead with the reps it must not go back to. */
  readonly queuedLeads: readonly QueuedLead[];
}

/**
 * What GET /pools/:id shows. "Today" is a business day the caller passes in (from its clock,
 * in the pool's time zone), so this stays a pure function of the state.
 */
export function poolView(state: PoolState, today: BusinessDay): PoolView | null {
  if (state.status === 'absent') return null;
  const { poolId, name, strategy, acceptanceSlaMinutes, protectionDays, protectionWarningDays } = state.settings;
  const members = state.members.map((member) => {
    const tally = state.tallies.get(member.repId);
    return {
      ...member,
      paused: member.pausedBecause !== null,
      rotationCredit: state.rotation[member.repId] ?? 0,
      assignedToday: assignedOn(tally, today.day),
      assignedThisMonth: assignedIn(tally, today.month),
      lastAssignment: tally?.lastAssignment ?? null,
    };
  });
  const settings = { poolId, name, strategy, acceptanceSlaMinutes, protectionDays, protectionWarningDays };
  const { policyVersion, lastSequence, queue } = state;
  return { ...settings, policyVersion, members, lastSequence, queuedLeads: queue };
}
