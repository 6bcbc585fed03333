import fc from 'fast-check';
import { isRefusal } from '@leadledger/kernel';
import type { BusinessDay, PoolCommand } from './pool.commands';
import { poolDecider } from './pool.decider';
import type { PoolEvent, PoolStrategy } from './pool.events';
import { POOL, added, created } from './pool.test-fixtures';
import type { PoolState } from './pool.state';

/** Day n of a calendar of 28-day months: enough to cross month boundaries and reset monthly caps. */
const businessDay = (n: number): BusinessDay => {
  const month = `2026-${String(1 + Math.floor(n / 28)).padStart(2, '0')}`;
  return { day: `${month}-${String(1 + (n % 28)).padStart(2, '0')}`, month };
};
const REPS = ['rep-a', 'rep-b', 'rep-c', 'rep-d', 'rep-e'];
const rep = fc.constantFrom(...REPS);
const cap = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null });

const weight = fc.integer({ min: 1, max: 5 });
const kind = <K extends string>(name: K) => fc.constant(name);

/** One step of a pool's life: an arrival (perhaps on a later day, and six times likelier) or a manager's change. */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: kind('arrival'), nextDay: fc.boolean() }) },
  fc.record({ kind: fc.constantFrom('PauseMember' as const, 'RemoveMember' as const), repId: rep }),
  fc.record({ kind: kind('ResumeMember'), repId: rep }),
  fc.record({ kind: kind('ChangeWeight'), repId: rep, weight }),
  fc.record({ kind: kind('AddMember'), repId: rep, weight }),
  fc.record({ kind: kind('ChangeCaps'), repId: rep, dailyCap: cap, monthlyCap: cap }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function toCommand(s: Step, index: number, when: BusinessDay): PoolCommand {
  const base = { poolId: POOL, ...when };
  switch (s.kind) {
    case 'arrival':
      return { kind: 'RouteLead', leadId: `lead-${index}`, ...base };
    case 'PauseMember':
      return { kind: 'PauseMember', poolId: POOL, repId: s.repId, reason: 'leave' };
    case 'RemoveMember':
      return { kind: 'RemoveMember', poolId: POOL, repId: s.repId, reason: 'departed' };
    case 'AddMember':
      return { ...s, ...base, dailyCap: null, monthlyCap: null };
    default:
      return { ...s, ...base };
  }
}

/** Plays the steps from a pool with caps, handing every emitted event (history included) to `check`. */
function play(strategy: PoolStrategy, steps: readonly Step[], check: (event: PoolEvent) => void): void {
  const history = [created(strategy), added('rep-a', 2, 2, 5), added('rep-b', 1, null, 3), added('rep-c', 3)];
  history.forEach(check);
  let state: PoolState = history.reduce(poolDecider.evolve, poolDecider.initialState);
  let dayNumber = 0;
  steps.forEach((s, index) => {
    if (s.kind === 'arrival' && s.nextDay) dayNumber++;
    const decision = poolDecider.decide(toCommand(s, index, businessDay(dayNumber)), state);
    if (isRefusal(decision)) return;
    for (const event of decision) {
      check(event);
      state = poolDecider.evolve(state, event);
    }
  });
}

/** An independent model of eligibility, built from the events alone, to judge each assignment. */
function eligibilityModel() {
  const members = new Map<string, { paused: boolean; dailyCap: number | null; monthlyCap: number | null }>();
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const eligibleOn = (day: string, month: string) =>
    [...members].flatMap(([repId, m]) => {
      const underDaily = m.dailyCap === null || (counts.get(`${repId}|${day}`) ?? 0) < m.dailyCap;
      const underMonthly = m.monthlyCap === null || (counts.get(`${repId}|${month}`) ?? 0) < m.monthlyCap;
      return !m.paused && underDaily && underMonthly ? [repId] : [];
    });
  return (event: PoolEvent): void => {
    const d = event.data;
    if ('repId' in d) {
      const member = members.get(d.repId);
      if (event.type === 'PoolMemberAdded') members.set(d.repId, { ...event.data, paused: false });
      if (event.type === 'PoolMemberRemoved') members.delete(d.repId);
      if (member && event.type === 'PoolMemberPaused') member.paused = true;
      if (member && event.type === 'PoolMemberResumed') member.paused = false;
      if (member && event.type === 'PoolMemberCapsChanged') Object.assign(member, event.data);
    }
    if (event.type === 'PoolLeadQueued') expect(eligibleOn(event.data.day, event.data.month)).toEqual([]);
    if (event.type === 'PoolLeadAssigned') {
      const { repId, day, month } = event.data;
      expect(eligibleOn(day, month)).toContain(repId);
      bump(`${repId}|${day}`);
      bump(`${repId}|${month}`);
    }
  };
}

describe('pool rotation properties', () => {
  it('never chooses a paused, capped or departed member, and queues only when nobody is eligible', () => {
    const strategy = fc.constantFrom<PoolStrategy>('smooth-weighted-round-robin', 'least-assigned');
    fc.assert(
      fc.property(strategy, fc.array(step, { maxLength: 80 }), (chosenStrategy, steps) => {
        play(chosenStrategy, steps, eligibilityModel());
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same commands give the same events, and replaying stored JSON gives the same choice', () => {
    const strategy = fc.constantFrom<PoolStrategy>('smooth-weighted-round-robin', 'least-assigned');
    fc.assert(
      fc.property(strategy, fc.array(step, { maxLength: 60 }), (chosenStrategy, steps) => {
        const first: PoolEvent[] = [];
        const second: PoolEvent[] = [];
        play(chosenStrategy, steps, (event) => first.push(event));
        play(chosenStrategy, steps, (event) => second.push(event));
        expect(second).toEqual(first);
        const stored: PoolEvent[] = JSON.parse(JSON.stringify(first));
        const next: PoolCommand = { kind: 'RouteLead', poolId: POOL, leadId: 'lead-next', ...businessDay(99) };
        const fold = (events: readonly PoolEvent[]) => events.reduce(poolDecider.evolve, poolDecider.initialState);
        expect(poolDecider.decide(next, fold(stored))).toEqual(poolDecider.decide(next, fold(first)));
      }),
      { numRuns: 200 },
    );
  });
});
