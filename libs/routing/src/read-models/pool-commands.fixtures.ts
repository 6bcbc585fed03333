import type { CommandContext } from '@leadledger/event-store';
import type { BusinessDay, PoolCommand } from '../pool/pool.commands';
import { MONDAY } from '../pool/pool.test-fixtures';

/** The manager who configures the read-model specs' pools. */
export const managerContext: CommandContext = {
  actorId: 'mgr-zhao',
  actorRole: 'manager',
  occurredAt: '2026-03-02T01:00:00.000Z',
  correlationId: 'corr-1',
};

/** A smooth weighted round robin pool: 30 minutes to accept, 30 days' protection, warned 5 days before. */
export const createPoolCommand = (poolId: string): PoolCommand => ({
  kind: 'CreatePool',
  poolId,
  name: `Pool ${poolId}`,
  strategy: 'smooth-weighted-round-robin',
  acceptanceSlaMinutes: 30,
  protectionDays: 30,
  protectionWarningDays: 5,
});

export const addMemberCommand = (
  poolId: string,
  repId: string,
  weight = 1,
  caps: { daily?: number; monthly?: number } = {},
): PoolCommand => ({
  kind: 'AddMember',
  poolId,
  repId,
  weight,
  dailyCap: caps.daily ?? null,
  monthlyCap: caps.monthly ?? null,
  ...MONDAY,
});

export const routeCommand = (poolId: string, leadId: string, when: BusinessDay = MONDAY): PoolCommand => ({
  kind: 'RouteLead',
  poolId,
  leadId,
  ...when,
});
