import { type Refusal, isRefusal } from '@leadledger/kernel';
import { type PoolCommand, type PoolState, poolStreamId } from '@leadledger/routing';
import type { CommandContext } from './command-context';
import type { Accepted } from './handle-command';

/** A pool's commands for the handleCommand specs: the pool stream is the one that grows long. */
export const POOL = 'inbound';
export const POOL_STREAM = poolStreamId(POOL);
export const MONDAY = { day: '2026-03-02', month: '2026-03' };

export const managerContext: CommandContext = {
  actorId: 'manager-1',
  actorRole: 'manager',
  occurredAt: '2026-03-02T09:00:00.000Z',
  correlationId: 'corr-1',
};

export const createPool: PoolCommand = {
  kind: 'CreatePool',
  poolId: POOL,
  name: 'Inbound',
  strategy: 'smooth-weighted-round-robin',
  acceptanceSlaMinutes: 30,
  protectionDays: 30,
  protectionWarningDays: 5,
};

export const addMember = (repId: string): PoolCommand => ({
  kind: 'AddMember',
  poolId: POOL,
  repId,
  weight: 1,
  dailyCap: null,
  monthlyCap: null,
  ...MONDAY,
});

export const routeLead = (leadId: string): PoolCommand => ({ kind: 'RouteLead', poolId: POOL, leadId, ...MONDAY });

export const accepted = (result: Accepted<PoolState> | Refusal): Accepted<PoolState> => {
  if (isRefusal(result)) throw new Error(`refused: ${result.code}`);
  return result;
};
