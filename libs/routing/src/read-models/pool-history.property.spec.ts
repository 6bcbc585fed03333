import { type StoredEvent, foldEvents, handleCommand } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ProjectionRunner, ReadModelDatabase, rebuildProjection, tableDigest } from '@leadledger/projections';
import fc from 'fast-check';
import { SKIP_REASONS, fairnessReport } from '../pool/fairness-report';
import type { BusinessDay, PoolCommand } from '../pool/pool.commands';
import { poolDecider } from '../pool/pool.decider';
import { type PoolEvent, type PoolLeadAssigned, type PoolLeadQueued, poolStreamId } from '../pool/pool.events';
import { type PoolState, evolvePool, initialPoolState } from '../pool/pool.state';
import { poolHistoryProjection } from './pool-history.projection';
import { memberTermsAt, poolFairnessCounts, poolOfDecision } from './pool-history.query';

const DAYS: BusinessDay[] = ['2026-03-02', '2026-03-03', '2026-03-04'].map((day) => ({ day, month: '2026-03' }));
const REPS = ['rep-a', 'rep-b', 'rep-c'];
const POOL = 'east';
const rep = fc.constantFrom(...REPS);
const lead = fc.integer({ min: 1, max: 15 }).map((n) => `lead-${n}`);
const when = fc.constantFrom(...DAYS);
const cap = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null });

/** A pool's life, mostly arrivals: re-routes, pauses, caps, weights, members coming and going, new days. */
const command: fc.Arbitrary<PoolCommand> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ leadId: lead, d: when })
      .map(({ leadId, d }): PoolCommand => ({ kind: 'RouteLead', poolId: POOL, leadId, ...d })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ leadId: lead, passedOver: fc.subarray(REPS, { minLength: 1 }), d: when })
      .map(({ d, ...rest }): PoolCommand => ({ kind: 'RerouteLead', poolId: POOL, ...rest, ...d })),
  },
  fc
    .record({ repId: rep, reason: fc.constantFrom('leave', 'training') })
    .map((c): PoolCommand => ({ kind: 'PauseMember', poolId: POOL, ...c })),
  fc
    .record({ repId: rep, d: when })
    .map(({ d, repId }): PoolCommand => ({ kind: 'ResumeMember', poolId: POOL, repId, ...d })),
  fc
    .record({ repId: rep, dailyCap: cap, monthlyCap: cap, d: when })
    .map(({ d, ...c }): PoolCommand => ({ kind: 'ChangeCaps', poolId: POOL, ...c, ...d })),
  fc
    .record({ repId: rep, weight: fc.integer({ min: 1, max: 4 }), d: when })
    .map(({ d, ...c }): PoolCommand => ({ kind: 'ChangeWeight', poolId: POOL, ...c, ...d })),
  fc.record({ repId: rep, weight: fc.integer({ min: 1, max: 4 }), d: when }).map(({ d, ...c }): PoolCommand => ({
    kind: 'AddMember',
    poolId: POOL,
    ...c,
    dailyCap: null,
    monthlyCap: null,
    ...d,
  })),
  fc.record({ repId: rep }).map((c): PoolCommand => ({ kind: 'RemoveMember', poolId: POOL, ...c, reason: 'removed' })),
  fc.record({ d: when }).map(({ d }): PoolCommand => ({ kind: 'DrainQueue', poolId: POOL, ...d })),
);

const setup = (strategy: 'smooth-weighted-round-robin' | 'least-assigned'): PoolCommand[] => [
  {
    kind: 'CreatePool',
    poolId: POOL,
    name: POOL,
    strategy,
    acceptanceSlaMinutes: 30,
    protectionDays: 30,
    protectionWarningDays: 5,
  },
  ...REPS.map((repId, i): PoolCommand => ({
    kind: 'AddMember',
    poolId: POOL,
    repId,
    weight: i + 1,
    dailyCap: 3,
    monthlyCap: null,
    ...DAYS[0],
  })),
];

/** Counted straight from the log, the way a person would with the events in front of them. */
function countByHand(log: readonly StoredEvent[], fromDay: string, toDay: string) {
  const members = new Map<string, { given: number; due: number; skips: Record<string, number> }>();
  let routed = 0;
  for (const stored of log) {
    if (stored.type !== 'PoolLeadAssigned' && stored.type !== 'PoolLeadQueued') continue;
    const data = stored.data as unknown as (PoolLeadAssigned | PoolLeadQueued)['data'];
    if (data.day < fromDay || data.day >= toDay) continue;
    const chosen = stored.type === 'PoolLeadAssigned' ? (data as PoolLeadAssigned['data']).repId : null;
    if (chosen) routed++;
    const share = (w: number) => (data.trace.strategy === 'least-assigned' ? 1 : w);
    const total = data.trace.candidates.reduce((sum, c) => sum + share(c.weight), 0);
    for (const c of data.trace.candidates) {
      const m = members.get(c.repId) ?? { given: 0, due: 0, skips: {} };
      if (chosen) m.due += share(c.weight) / total;
      if (chosen === c.repId) m.given++;
      if (c.skippedBecause) m.skips[c.skippedBecause] = (m.skips[c.skippedBecause] ?? 0) + 1;
      members.set(c.repId, m);
    }
  }
  return { routed, members };
}

describe('pool history', () => {
  it('answers fairness for any window as a count made from the events, and each policy version’s member terms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('smooth-weighted-round-robin' as const, 'least-assigned' as const),
        fc.array(fc.array(command, { maxLength: 15 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(
          ['2026-03-02', '2026-03-03'],
          ['2026-03-02', '2026-03-05'],
          ['2026-03-03', '2026-03-05'],
          ['2026-03-04', '2026-03-05'],
        ),
        async (strategy, chunks, [fromDay, toDay]) => {
          const dir = tempDirectory('leadledger-pool-history');
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
            for (const c of commands) await handleCommand(store, poolStreamId(POOL), poolDecider, c, context);
          };
          try {
            await apply(setup(strategy));
            for (const chunk of chunks) {
              const runner = new ProjectionRunner(store, live, [poolHistoryProjection], { batchSize: 4 });
              await runner.start();
              await apply(chunk);
              await runner.reached(await store.headPosition());
              await runner.stop();
            }
            await rebuildProjection(store, rebuilt, poolHistoryProjection);
            const digests = (db: ReadModelDatabase) => poolHistoryProjection.tables.map((t) => tableDigest(db.db, t));
            expect(digests(live)).toEqual(digests(rebuilt));

            const log = await store.readStream(poolStreamId(POOL));
            const byHand = countByHand(log, fromDay, toDay);
            const report = fairnessReport(poolFairnessCounts(live.db, POOL, fromDay, toDay));
            expect(report.leadsRouted).toBe(byHand.routed);
            expect(report.members.map((m) => m.repId)).toEqual([...byHand.members.keys()].sort());
            for (const m of report.members) {
              const hand = byHand.members.get(m.repId)!;
              expect(m.leadsGiven).toBe(hand.given);
              expect(Math.abs(m.leadsDue - hand.due)).toBeLessThanOrEqual(0.005 + 1e-9);
              for (const reason of SKIP_REASONS) expect(m.skips[reason]).toBe(hand.skips[reason] ?? 0);
            }
            // Every lead given is due to someone: the shares of the window add up to the leads routed.
            const dueTotal = report.members.reduce((sum, m) => sum + m.leadsDue, 0);
            expect(Math.abs(dueTotal - report.leadsRouted)).toBeLessThanOrEqual(0.005 * report.members.length + 1e-9);
            const behind = report.members.filter((m) => m.deficit > 0);
            if (report.largestDeficit)
              expect(Math.max(...behind.map((m) => m.deficit))).toBe(report.largestDeficit.deficit);

            // Each trace's policy version maps to the members' terms the pool had then.
            let state: PoolState = initialPoolState;
            for (const stored of log) {
              const event = { type: stored.type, data: stored.data } as unknown as PoolEvent;
              if ((event.type === 'PoolLeadAssigned' || event.type === 'PoolLeadQueued') && state.status === 'active') {
                expect(event.data.trace.policyVersion).toBe(state.policyVersion);
                expect(poolOfDecision(live.db, event.data.leadId, state.policyVersion)).toBe(POOL);
                const terms = memberTermsAt(live.db, POOL, state.policyVersion, REPS);
                expect([...terms.keys()].sort()).toEqual(state.members.map((m) => m.repId).sort());
                for (const m of state.members) {
                  const { weight, dailyCap, monthlyCap, pausedBecause } = m;
                  expect(terms.get(m.repId)).toEqual({ weight, dailyCap, monthlyCap, pausedBecause });
                }
              }
              state = evolvePool(state, event);
            }
            expect(foldEvents(poolDecider, log).status).toBe('active');
          } finally {
            live.close();
            rebuilt.close();
            await store.close();
            dir.remove();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
