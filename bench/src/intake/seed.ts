import { randomUUID } from 'node:crypto';
import { type CommandContext, EventStore, handleCommand } from '@leadledger/event-store';
import { type Decider, type DomainEvent, isRefusal } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';
import { businessDay } from '@leadledger/projections';
import { poolDecider, poolStreamId } from '@leadledger/routing';

export const BENCH_POOL_ID = 'bench-web-form';

/** Five reps of weights 3, 2, 2, 1, 1: one rotation cycle is 9 leads. No caps, so nobody is ever skipped. */
export const BENCH_MEMBERS: ReadonlyArray<{ repId: string; name: string; weight: number }> = [
  { repId: 'bench-rep-1', name: 'Wang Fang', weight: 3 },
  { repId: 'bench-rep-2', name: 'Li Wei', weight: 2 },
  { repId: 'bench-rep-3', name: 'Zhang Min', weight: 2 },
  { repId: 'bench-rep-4', name: 'Liu Yang', weight: 1 },
  { repId: 'bench-rep-5', name: 'Chen Jing', weight: 1 },
];

async function apply<C, S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, S, E>,
  command: C,
  context: CommandContext,
): Promise<void> {
  const result = await handleCommand(store, streamId, decider, command, context);
  if (isRefusal(result)) throw new Error(`seeding ${streamId} was refused: ${result.code} ${result.message}`);
}

/**
 * Reps and one smooth weighted round-robin pool, written as domain commands straight to the
 * store (not over HTTP), so the bench depends on nothing but intake and /health.
 */
export async function seedRepsAndPool(store: EventStore, timeZone: string): Promise<void> {
  const occurredAt = new Date().toISOString();
  const context: CommandContext = { actorId: 'bench', actorRole: 'admin', occurredAt, correlationId: randomUUID() };
  const day = businessDay(occurredAt, timeZone);
  for (const { repId, name } of BENCH_MEMBERS) {
    const email = `${name.toLowerCase().replace(' ', '.')}@example.cn`;
    await apply(
      store,
      repStreamId(repId),
      repDecider,
      { kind: 'RegisterRep', repId, name, email, team: 'web' },
      context,
    );
  }
  await apply(
    store,
    poolStreamId(BENCH_POOL_ID),
    poolDecider,
    {
      kind: 'CreatePool',
      poolId: BENCH_POOL_ID,
      name: 'Web-form leads',
      strategy: 'smooth-weighted-round-robin',
      acceptanceSlaMinutes: 30,
      protectionDays: 30,
      protectionWarningDays: 5,
    },
    context,
  );
  for (const { repId, weight } of BENCH_MEMBERS) {
    const command = {
      kind: 'AddMember',
      poolId: BENCH_POOL_ID,
      repId,
      weight,
      dailyCap: null,
      monthlyCap: null,
      day,
      month: day.slice(0, 7),
    } as const;
    await apply(store, poolStreamId(BENCH_POOL_ID), poolDecider, command, context);
  }
}
