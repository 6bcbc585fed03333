import { SqliteEventStore, SqliteSnapshotStore } from '@leadledger/event-store-sqlite';
import { tempDirectory } from '@leadledger/event-store/testing';
import { isRefusal } from '@leadledger/kernel';
import { type PoolCommand, type PoolEvent, type PoolState, poolDecider } from '@leadledger/routing';
import fc from 'fast-check';
import { handleCommand } from './handle-command';
import { foldEvents, loadState } from './load-state';
import { POOL, POOL_STREAM as STREAM, createPool as create, managerContext as context } from './pool-commands.fixtures';

const REPS = ['rep-a', 'rep-b', 'rep-c'];
const LEADS = ['lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5', 'lead-6'];

const rep = fc.constantFrom(...REPS);
const lead = fc.constantFrom(...LEADS);
const cap = fc.option(fc.integer({ min: 1, max: 2 }), { nil: null });
const day = fc.constantFrom({ day: '2026-03-02', month: '2026-03' }, { day: '2026-03-03', month: '2026-03' });
const poolId = fc.constant(POOL);

/** Every pool command, on few reps and leads so that they meet: routes most often. */
const command: fc.Arbitrary<PoolCommand> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('RouteLead' as const), poolId, leadId: lead }).chain(withDay) },
  {
    weight: 2,
    arbitrary: fc
      .record({ kind: fc.constant('RerouteLead' as const), poolId, leadId: lead, passedOver: fc.subarray(REPS) })
      .chain(withDay),
  },
  fc
    .record({
      kind: fc.constant('AddMember' as const),
      poolId,
      repId: rep,
      weight: fc.integer({ min: 1, max: 3 }),
      dailyCap: cap,
      monthlyCap: cap,
    })
    .chain(withDay),
  fc.record({ kind: fc.constant('PauseMember' as const), poolId, repId: rep, reason: fc.constant('leave') }),
  fc.record({ kind: fc.constant('ResumeMember' as const), poolId, repId: rep }).chain(withDay),
  fc.record({
    kind: fc.constant('RemoveMember' as const),
    poolId,
    repId: rep,
    reason: fc.constant('removed' as const),
  }),
  fc
    .record({ kind: fc.constant('ChangeCaps' as const), poolId, repId: rep, dailyCap: cap, monthlyCap: cap })
    .chain(withDay),
  fc.record({ kind: fc.constant('ClaimQueuedLead' as const), poolId, leadId: lead, repId: rep }),
  fc.record({ kind: fc.constant('WithdrawQueuedLead' as const), poolId, leadId: lead, reason: fc.constant('spam') }),
  fc.record({ kind: fc.constant('DrainQueue' as const), poolId }).chain(withDay),
);

function withDay<T extends object>(value: T) {
  return day.map((when) => ({ ...value, ...when }));
}

/** A command, or something that happens to the engine between commands. */
const step = fc.oneof(
  { weight: 8, arbitrary: command.map((c) => ({ kind: 'command' as const, command: c })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'evict' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const asJson = (state: PoolState) => JSON.parse(JSON.stringify(poolDecider.snapshot!.toJson(state)));

describe('a pool through the stream state cache (property)', () => {
  const dir = tempDirectory('leadledger-state-cache-property');
  afterAll(() => dir.remove());
  let run = 0;

  it('decides and loads exactly as a plain fold of the whole stream, whatever the cache and snapshots hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (steps, every) => {
        const file = dir.file(`events-${++run}.sqlite`);
        const snapshots = new SqliteSnapshotStore({ file: `${file}.snapshots` });
        const open = () => {
          const store = new SqliteEventStore({ file });
          store.streamStates.useSnapshots(snapshots, { every });
          return store;
        };
        let store = open();
        let model: PoolState = poolDecider.initialState;
        try {
          for (const s of [{ kind: 'command' as const, command: create }, ...steps]) {
            if (s.kind === 'evict') store.streamStates.forget(STREAM);
            if (s.kind === 'restart') {
              await store.close();
              store = open();
            }
            if (s.kind !== 'command') continue;
            const expected = poolDecider.decide(s.command, model);
            const result = await handleCommand(store, STREAM, poolDecider, s.command, context);
            if (isRefusal(expected)) {
              expect(isRefusal(result) && result.code).toBe(expected.code);
              continue;
            }
            if (isRefusal(result)) throw new Error(`refused ${result.code}, expected events`);
            expect(result.events.map((e) => ({ type: e.type, data: e.data }))).toEqual(
              JSON.parse(JSON.stringify(expected)),
            );
            model = (expected as readonly PoolEvent[]).reduce(poolDecider.evolve, model);
            expect(asJson(result.state)).toEqual(asJson(model));
            expect(asJson((await loadState(store, STREAM, poolDecider)).state)).toEqual(asJson(model));
          }
          expect(asJson(foldEvents(poolDecider, await store.readStream(STREAM)))).toEqual(asJson(model));
        } finally {
          await store.close();
          snapshots.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
