import { foldEvents, handleCommand } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ProjectionRunner, ReadModelDatabase, rebuildProjection, tableDigest } from '@leadledger/projections';
import fc from 'fast-check';
import type { BusinessDay, PoolCommand } from '../pool/pool.commands';
import { poolDecider } from '../pool/pool.decider';
import { poolStreamId } from '../pool/pool.events';
import { poolView } from '../pool/pool-view';
import { MONDAY, TUESDAY } from '../pool/pool.test-fixtures';
import { poolBoardProjection } from './pool-board.projection';
import { getPoolView, poolsWithMember } from './pool-board.query';

const POOLS = ['north', 'south'];
const REPS = ['rep-a', 'rep-b', 'rep-c'];
const pool = fc.constantFrom(...POOLS);
const rep = fc.constantFrom(...REPS);
const lead = fc.integer({ min: 1, max: 12 }).map((n) => `lead-${n}`);
const when = fc.constantFrom(MONDAY, TUESDAY);
const cap = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null });

/** Any pool command a pool's life sees, most of them arrivals; refused ones simply write nothing. */
const command: fc.Arbitrary<PoolCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ poolId: pool, leadId: lead, day: when }).map(routeLead) },
  fc
    .record({ poolId: pool, leadId: lead, passedOver: fc.subarray(REPS, { minLength: 1 }), day: when })
    .map(({ day, ...rest }): PoolCommand => ({ kind: 'RerouteLead', ...rest, ...day })),
  fc.record({ poolId: pool, leadId: lead, repId: rep }).map((c): PoolCommand => ({ kind: 'ClaimQueuedLead', ...c })),
  fc
    .record({ poolId: pool, leadId: lead })
    .map((c): PoolCommand => ({ kind: 'WithdrawQueuedLead', ...c, reason: 'spam' })),
  fc.record({ poolId: pool, repId: rep }).map((c): PoolCommand => ({ kind: 'PauseMember', ...c, reason: 'leave' })),
  fc
    .record({ poolId: pool, repId: rep, day: when })
    .map(({ day, ...c }): PoolCommand => ({ kind: 'ResumeMember', ...c, ...day })),
  fc
    .record({ poolId: pool, repId: rep, dailyCap: cap, monthlyCap: cap, day: when })
    .map(({ day, ...c }): PoolCommand => ({ kind: 'ChangeCaps', ...c, ...day })),
  fc
    .record({ poolId: pool, repId: rep, weight: fc.integer({ min: 1, max: 4 }), day: when })
    .map(({ day, ...c }): PoolCommand => ({ kind: 'AddMember', ...c, dailyCap: null, monthlyCap: null, ...day })),
  fc.record({ poolId: pool, repId: rep }).map((c): PoolCommand => ({ kind: 'RemoveMember', ...c, reason: 'removed' })),
  fc
    .record({ poolId: pool, day: when })
    .map(({ day, poolId }): PoolCommand => ({ kind: 'DrainQueue', poolId, ...day })),
);

function routeLead({ poolId, leadId, day }: { poolId: string; leadId: string; day: BusinessDay }): PoolCommand {
  return { kind: 'RouteLead', poolId, leadId, ...day };
}

const setup: PoolCommand[] = POOLS.flatMap((poolId): PoolCommand[] => [
  {
    kind: 'CreatePool',
    poolId,
    name: poolId,
    strategy: poolId === 'north' ? 'smooth-weighted-round-robin' : 'least-assigned',
    acceptanceSlaMinutes: 30,
    protectionDays: 30,
    protectionWarningDays: 5,
  },
  ...REPS.map((repId, i): PoolCommand => ({
    kind: 'AddMember',
    poolId,
    repId,
    weight: i + 1,
    dailyCap: 2,
    monthlyCap: null,
    ...MONDAY,
  })),
]);

describe('pool board replay', () => {
  const digests = (db: ReadModelDatabase) => poolBoardProjection.tables.map((t) => tableDigest(db.db, t));

  it('is byte-identical built live in pieces with restarts or rebuilt at once, and matches the decider', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(command, { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        async (chunks) => {
          const dir = tempDirectory('leadledger-pool-board-replay');
          const store = new SqliteEventStore({ file: dir.file('events.sqlite'), pollIntervalMs: 5 });
          const live = new ReadModelDatabase(dir.file('live.sqlite'));
          const rebuilt = new ReadModelDatabase(dir.file('rebuilt.sqlite'));
          const context = {
            actorId: 'test',
            actorRole: 'manager',
            occurredAt: '2026-03-02T01:00:00.000Z',
            correlationId: 'c',
          };
          const apply = async (commands: readonly PoolCommand[]) => {
            for (const c of commands) await handleCommand(store, poolStreamId(c.poolId), poolDecider, c, context);
          };
          try {
            await apply(setup);
            // Each chunk is written while a runner is up; the runner restarts between chunks.
            for (const chunk of chunks) {
              const runner = new ProjectionRunner(store, live, [poolBoardProjection], { batchSize: 3 });
              await runner.start();
              await apply(chunk);
              await runner.reached(await store.headPosition());
              await runner.stop();
            }
            await rebuildProjection(store, rebuilt, poolBoardProjection);
            expect(digests(live)).toEqual(digests(rebuilt));
            for (const poolId of POOLS) {
              const state = foldEvents(poolDecider, await store.readStream(poolStreamId(poolId)));
              expect(getPoolView(live.db, poolId, TUESDAY)).toEqual(poolView(state, TUESDAY));
              const members = state.status === 'active' ? state.members.map((m) => m.repId) : [];
              for (const repId of REPS) {
                expect(poolsWithMember(live.db, repId).includes(poolId)).toBe(members.includes(repId));
              }
            }
          } finally {
            live.close();
            rebuilt.close();
            await store.close();
            dir.remove();
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
