import { randomUUID } from 'node:crypto';
import type { CommandContext, EventStore } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';
import { type IssuedApiKey, issueApiKey } from '@leadledger/platform';
import { businessDay } from '@leadledger/projections';
import { poolDecider, poolStreamId } from '@leadledger/routing';
import { seedCommand, seedRepsAndPool } from '../intake/seed';
import { BENCH_SERVICE_SECRET, TIME_ZONE } from './generated-log';
import { EXTRA_POOLS, STORE_REPS } from './mix';

const adminContext = (occurredAt: string): CommandContext => ({
  actorId: 'bench-generator',
  actorRole: 'admin',
  occurredAt,
  correlationId: randomUUID(),
});

/** The bench's big pool (the intake bench's seed), two smaller pools, store reps, and a service key. */
export async function seedLog(store: EventStore, occurredAt: string): Promise<IssuedApiKey> {
  await seedRepsAndPool(store, TIME_ZONE);
  const context = adminContext(occurredAt);
  const day = businessDay(occurredAt, TIME_ZONE);
  const register = (repId: string, team: string) =>
    seedCommand(
      store,
      repStreamId(repId),
      repDecider,
      { kind: 'RegisterRep', repId, name: repId, email: `${repId}@example.cn`, team },
      context,
    );
  for (const pool of EXTRA_POOLS) {
    for (const repId of pool.reps) await register(repId, pool.poolId);
    await seedCommand(
      store,
      poolStreamId(pool.poolId),
      poolDecider,
      {
        kind: 'CreatePool',
        poolId: pool.poolId,
        name: pool.name,
        strategy: 'smooth-weighted-round-robin',
        acceptanceSlaMinutes: 60,
        protectionDays: 30,
        protectionWarningDays: 5,
      },
      context,
    );
    for (const [i, repId] of pool.reps.entries()) {
      const command = {
        kind: 'AddMember',
        poolId: pool.poolId,
        repId,
        weight: 1 + (i % 3),
        dailyCap: null,
        monthlyCap: null,
        day,
        month: day.slice(0, 7),
      } as const;
      await seedCommand(store, poolStreamId(pool.poolId), poolDecider, command, context);
    }
  }
  for (const repId of STORE_REPS) await register(repId, 'store');
  const issued = await issueApiKey(
    store,
    { name: 'bench service', role: 'service', repId: null, secret: BENCH_SERVICE_SECRET },
    adminContext(occurredAt),
  );
  if (isRefusal(issued)) throw new Error(`issuing the bench key was refused: ${issued.code}`);
  return issued;
}
