import { type Decider, type Decision, type Refusal, assertNever, refuse } from '@leadledger/kernel';
import type {
  AddMember,
  BusinessDay,
  ChangeCaps,
  ClaimQueuedLead,
  CreatePool,
  PoolCommand,
  RerouteLead,
  RouteLead,
  WithdrawQueuedLead,
} from './pool.commands';
import type { PoolConfigurationEvent, PoolEvent } from './pool.events';
import { drainQueue, routeOne } from './pool-routing';
import { poolSnapshot } from './pool.snapshot';
import { type ActivePool, type PoolMember, type PoolState, evolvePool, initialPoolState, isQueued } from './pool.state';

/** The largest weight a member may have. */
export const MAX_MEMBER_WEIGHT = 100;
const isWholeNumber = (value: number, min: number): boolean => Number.isInteger(value) && value >= min;

function invalidSettings(command: CreatePool): Refusal | null {
  const { name, acceptanceSlaMinutes, protectionDays, protectionWarningDays } = command;
  const problems: [string, unknown, boolean, string][] = [
    ['name', name, name.trim() !== '', 'must not be blank'],
    [
      'acceptanceSlaMinutes',
      acceptanceSlaMinutes,
      isWholeNumber(acceptanceSlaMinutes, 1),
      'must be a whole number of minutes, at least 1',
    ],
    ['protectionDays', protectionDays, isWholeNumber(protectionDays, 1), 'must be a whole number of days, at least 1'],
    // The warning comes before the release, so it must be strictly inside the protection period.
    [
      'protectionWarningDays',
      protectionWarningDays,
      isWholeNumber(protectionWarningDays, 0) && protectionWarningDays < protectionDays,
      'must be a whole number of days, at least 0 and fewer than protectionDays',
    ],
  ];
  const bad = problems.find(([, , ok]) => !ok);
  return bad ? refuse('InvalidPoolSettings', `${bad[0]} ${bad[3]}`, { field: bad[0], value: bad[1] }) : null;
}

function invalidWeight(repId: string, weight: number): Refusal | null {
  if (isWholeNumber(weight, 1) && weight <= MAX_MEMBER_WEIGHT) return null;
  return refuse('InvalidWeight', `A weight is a whole number from 1 to ${MAX_MEMBER_WEIGHT}`, { repId, weight });
}

/** A cap is a whole number of leads, at least 1, or null for none; a member who should get nothing is paused instead. */
function invalidCaps({ repId, dailyCap, monthlyCap }: AddMember | ChangeCaps): Refusal | null {
  const bad = (cap: number | null): boolean => cap !== null && !isWholeNumber(cap, 1);
  if (!bad(dailyCap) && !bad(monthlyCap)) return null;
  return refuse('InvalidCap', 'A cap is a whole number of leads, at least 1, or none', { repId, dailyCap, monthlyCap });
}

/** The caller derives day and month from one instant; a month that is not the day's month is a bug upstream. */
function invalidDay({ day, month }: BusinessDay): Refusal | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(day) && month === day.slice(0, 7)) return null;
  return refuse('InvalidBusinessDay', 'day must be YYYY-MM-DD and month its YYYY-MM', { day, month });
}

const findMember = (pool: ActivePool, repId: string): PoolMember | undefined =>
  pool.members.find((member) => member.repId === repId);

/** A configuration change followed, in the same decision, by the queued leads it makes assignable. */
function thenDrain(pool: ActivePool, change: PoolConfigurationEvent, when: BusinessDay): PoolEvent[] {
  return [change, ...drainQueue(evolvePool(pool, change) as ActivePool, when)];
}

function addMember(command: AddMember, pool: ActivePool): Decision<PoolEvent> {
  const { poolId } = pool.settings;
  const { repId, weight, dailyCap, monthlyCap } = command;
  if (findMember(pool, repId)) return refuse('MemberAlreadyInPool', 'The rep is already a member', { poolId, repId });
  return (
    invalidWeight(repId, weight) ??
    invalidCaps(command) ??
    invalidDay(command) ??
    thenDrain(pool, { type: 'PoolMemberAdded', data: { poolId, repId, weight, dailyCap, monthlyCap } }, command)
  );
}

type MemberCommand = Extract<
  PoolCommand,
  { kind: 'RemoveMember' | 'PauseMember' | 'ResumeMember' | 'ChangeWeight' | 'ChangeCaps' }
>;

function changeMember(command: MemberCommand, pool: ActivePool): Decision<PoolEvent> {
  const { poolId } = pool.settings;
  const { repId } = command;
  const member = findMember(pool, repId);
  if (!member) return refuse('MemberNotInPool', 'The rep is not a member of this pool', { poolId, repId });
  switch (command.kind) {
    case 'RemoveMember':
      return [{ type: 'PoolMemberRemoved', data: { poolId, repId, reason: command.reason } }];
    case 'PauseMember': {
      const reason = member.pausedBecause;
      if (reason !== null)
        return refuse('MemberAlreadyPaused', 'The member is already paused', { poolId, repId, reason });
      return [{ type: 'PoolMemberPaused', data: { poolId, repId, reason: command.reason } }];
    }
    case 'ResumeMember':
      if (member.pausedBecause === null)
        return refuse('MemberNotPaused', 'The member is not paused', { poolId, repId });
      return invalidDay(command) ?? thenDrain(pool, { type: 'PoolMemberResumed', data: { poolId, repId } }, command);
    case 'ChangeWeight': {
      const { weight } = command;
      const change: PoolConfigurationEvent = { type: 'PoolMemberWeightChanged', data: { poolId, repId, weight } };
      return invalidWeight(repId, weight) ?? invalidDay(command) ?? thenDrain(pool, change, command);
    }
    case 'ChangeCaps': {
      const { dailyCap, monthlyCap } = command;
      const change: PoolConfigurationEvent = {
        type: 'PoolMemberCapsChanged',
        data: { poolId, repId, dailyCap, monthlyCap },
      };
      return invalidCaps(command) ?? invalidDay(command) ?? thenDrain(pool, change, command);
    }
    default:
      return assertNever(command);
  }
}

/**
 * RouteLead and RerouteLead. A lead the pool already handed to a rep outside `passedOver` is
 * refused with that rep, so a retry (of either) finds the earlier decision instead of a second one.
 */
function decideRoute(command: RouteLead | RerouteLead, pool: ActivePool): Decision<PoolEvent> {
  const { poolId } = pool.settings;
  const { leadId } = command;
  const passedOver = command.kind === 'RerouteLead' ? command.passedOver : [];
  const repId = pool.routed.get(leadId);
  if (repId !== undefined && !passedOver.includes(repId)) {
    return refuse('LeadAlreadyRouted', 'The lead was already assigned by this pool', { poolId, leadId, repId });
  }
  if (isQueued(pool, leadId)) {
    return refuse('LeadAlreadyQueued', 'The lead already waits in this pool', { poolId, leadId });
  }
  const lead = { leadId, fromQueue: false, rerouted: command.kind === 'RerouteLead', passedOver };
  return invalidDay(command) ?? [routeOne(pool, lead, command)];
}

function claimQueued(command: ClaimQueuedLead, pool: ActivePool): Decision<PoolEvent> {
  const { poolId } = pool.settings;
  const { leadId, repId } = command;
  if (!isQueued(pool, leadId)) {
    const assignedTo = pool.routed.get(leadId) ?? null;
    return refuse('LeadNotQueued', 'The lead is not waiting in this pool', { poolId, leadId, assignedTo });
  }
  return [{ type: 'PoolQueuedLeadClaimed', data: { poolId, leadId, repId } }];
}

function withdrawQueued(command: WithdrawQueuedLead, pool: ActivePool): Decision<PoolEvent> {
  const { poolId } = pool.settings;
  const { leadId, reason } = command;
  if (!isQueued(pool, leadId)) return [];
  return [{ type: 'PoolQueuedLeadWithdrawn', data: { poolId, leadId, reason } }];
}

/** The rules of one assignment pool: its membership, its rotation and its unassigned queue. */
export const poolDecider: Decider<PoolCommand, PoolState, PoolEvent> = {
  initialState: initialPoolState,
  decide(command, state) {
    if (command.kind === 'CreatePool') {
      if (state.status === 'active') {
        return refuse('PoolAlreadyExists', 'The pool already exists', { poolId: state.settings.poolId });
      }
      const { kind: _kind, ...settings } = command;
      return invalidSettings(command) ?? [{ type: 'PoolCreated', data: { ...settings, name: settings.name.trim() } }];
    }
    if (state.status === 'absent') return refuse('PoolNotFound', 'No such pool', { poolId: command.poolId });
    switch (command.kind) {
      case 'RouteLead':
      case 'RerouteLead':
        return decideRoute(command, state);
      case 'ClaimQueuedLead':
        return claimQueued(command, state);
      case 'WithdrawQueuedLead':
        return withdrawQueued(command, state);
      case 'DrainQueue':
        return invalidDay(command) ?? drainQueue(state, command);
      case 'AddMember':
        return addMember(command, state);
      default:
        return changeMember(command, state);
    }
  },
  evolve: evolvePool,
  snapshot: poolSnapshot,
};
