import fc from 'fast-check';
import type { PoolCommand } from './pool.commands';
import { poolDecider } from './pool.decider';
import type { PoolEvent } from './pool.events';
import type { ActivePool } from './pool.state';
import { MONDAY, POOL, added, chosenReps, created, route, run } from './pool.test-fixtures';

const repName = (i: number) => `rep-${i}`;
const arrivals = (count: number, from = 0): PoolCommand[] =>
  Array.from({ length: count }, (_, i) => route(`lead-run-${from + i}`));

/** A manager's change before the measured run; pauses included, caps not (the pools here have none). */
const prefixStep = (members: number) =>
  fc.oneof(
    fc.constant<'arrival'>('arrival'),
    fc.record({ kind: fc.constant('PauseMember' as const), member: fc.nat(members - 1) }),
    fc.record({ kind: fc.constant('ResumeMember' as const), member: fc.nat(members - 1) }),
    fc.record({
      kind: fc.constant('ChangeWeight' as const),
      member: fc.nat(members - 1),
      weight: fc.integer({ min: 1, max: 6 }),
    }),
  );
type PrefixStep = typeof prefixStep extends (n: number) => fc.Arbitrary<infer S> ? S : never;

function prefixCommand(s: PrefixStep, index: number): PoolCommand {
  if (s === 'arrival') return route(`lead-prefix-${index}`);
  const repId = repName(s.member);
  if (s.kind === 'PauseMember') return { kind: s.kind, poolId: POOL, repId, reason: 'leave' };
  if (s.kind === 'ResumeMember') return { kind: s.kind, poolId: POOL, repId, ...MONDAY };
  return { kind: s.kind, poolId: POOL, repId, weight: s.weight, ...MONDAY };
}

const fold = (events: readonly PoolEvent[]) =>
  events.reduce(poolDecider.evolve, poolDecider.initialState) as ActivePool;

describe('smooth weighted round robin fairness', () => {
  it('from a change of membership or weights, stays below two leads from each share and is exact every whole cycle', () => {
    const scenario = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }).chain((weights) =>
      fc.record({
        weights: fc.constant(weights),
        prefix: fc.array(prefixStep(weights.length), { maxLength: 25 }),
        change: fc.record({ member: fc.nat(weights.length - 1), weight: fc.integer({ min: 1, max: 6 }) }),
        length: fc.integer({ min: 1, max: 60 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ weights, prefix, change, length }) => {
        const base = [created(), ...weights.map((w, i) => added(repName(i), w))];
        const resumeAll = weights.map((_, i): PoolCommand => ({
          kind: 'ResumeMember',
          poolId: POOL,
          repId: repName(i),
          ...MONDAY,
        }));
        const theChange: PoolCommand = {
          kind: 'ChangeWeight',
          poolId: POOL,
          repId: repName(change.member),
          weight: change.weight,
          ...MONDAY,
        };
        const history = [...base, ...run(base, [...prefix.map(prefixCommand), ...resumeAll, theChange])];
        const members = fold(history).members;
        const total = members.reduce((sum, m) => sum + m.weight, 0);
        const counts = new Map<string, number>();
        chosenReps(run(history, arrivals(length))).forEach((repId, i) => {
          counts.set(repId, (counts.get(repId) ?? 0) + 1);
          const handed = i + 1;
          for (const m of members) {
            // count - handed*w/W, scaled by W to stay in whole numbers
            const gap = (counts.get(m.repId) ?? 0) * total - handed * m.weight;
            expect(Math.abs(gap)).toBeLessThan(2 * total);
            if (handed % total === 0) expect(gap).toBe(0);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never hands a weight-2 member two leads in a row among at least two weight-1 members, between changes', () => {
    const scenario = fc.record({
      ones: fc.integer({ min: 2, max: 6 }),
      heavyAt: fc.nat(6),
      length: fc.integer({ min: 2, max: 60 }),
    });
    fc.assert(
      fc.property(scenario, ({ ones, heavyAt, length }) => {
        const weights = Array.from({ length: ones }, () => 1);
        weights.splice(Math.min(heavyAt, ones), 0, 2);
        const history = [created(), ...weights.map((w, i) => added(repName(i), w))];
        const heavy = repName(Math.min(heavyAt, ones));
        const chosen = chosenReps(run(history, arrivals(length)));
        chosen.slice(1).forEach((repId, i) => expect(repId === heavy && chosen[i] === heavy).toBe(false));
      }),
      { numRuns: 300 },
    );
  });
});
