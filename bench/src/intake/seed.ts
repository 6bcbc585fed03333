import { randomUUID } from 'node:crypto';
import { type CommandContext, EventStore } from '@leadledger/event-store';
import { repDecider, repStreamId } from '@leadledger/leads';
import { businessDay } from '@leadledger/projections';
import { poolDecider, poolStreamId } from '@leadledger/routing';
import { mustAccept } from '../must-accept';

export const BENCH_POOL_ID = 'bench-web-form';

/** Five reps of weights 3, 2, 2, 1, 1: one rotation cycle is 9 leads. No caps, so nobody is ever skipped. */
export const BENCH_MEMBERS: ReadonlyArray<{ repId: string; name: string; weight: number }> = [
  { repId: 'bench-rep-1', name: 'Wang Fang', weight: 3 },
  { repId: 'bench-rep-2', name: 'Li Wei', weight: 2 },
  { repId: 'bench-rep-3', name: 'Zhang Min', weight: 2 },
  { repId: 'bench-rep-4', name: 'Liu Yang', weight: 1 },
  { repId: 'bench-rep-5', name: 'Chen Jing', weight: 1 },
];

/** Writes one seeding command; the seed is the bench's own, so a refusal stops the bench. */
export const seedCommand = mustAccept((streamId) => `seeding ${streamId} was refused`);

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
    await seedCommand(
      store,
      repStreamId(repId),
      repDecider,
      { kind: 'RegisterRep', repId, name, email, team: 'web' },
      context,
    );
  }
  await seedCommand(
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
    await seedCommand(store, poolStreamId(BENCH_POOL_ID), poolDecider, command, context);
  }
}
