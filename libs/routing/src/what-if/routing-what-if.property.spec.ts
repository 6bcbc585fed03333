import fc from 'fast-check';
import type { PoolCommand } from '../pool/pool.commands';
import { poolDecider } from '../pool/pool.decider';
import type { PoolEvent } from '../pool/pool.events';
import { type PoolState, isQueued } from '../pool/pool.state';
import { POOL, created } from '../pool/pool.test-fixtures';
import { type DatedPoolEvent, routingWhatIf } from './routing-what-if';

const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09'];
const REPS = ['rep-a', 'rep-b', 'rep-c', 'rep-d'];
const cap = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null });

/** One thing that happens to a pool on a day; leads and reps are picked by index, modulo what exists. */
const step = fc.record({
  dayStep: fc.integer({ min: 0, max: 1 }),
  what: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: 'arrive' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('decline' as const), lead: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('claim' as const), lead: fc.nat(), rep: fc.nat(3) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), lead: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom('AddMember' as const, 'ChangeCaps' as const),
        rep: fc.nat(3),
        weight: fc.integer({ min: 1, max: 4 }),
        dailyCap: cap,
        monthlyCap: cap,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom('ChangeWeight' as const, 'PauseMember' as const, 'ResumeMember' as const),
        rep: fc.nat(3),
        weight: fc.integer({ min: 1, max: 4 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('RemoveMember' as const), rep: fc.nat(3) }) },
  ),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A random pool history, decided by the pool's own decider, each event dated with its day. */
function historyOf(strategy: 'smooth-weighted-round-robin' | 'least-assigned', steps: readonly Step[]) {
  let state: PoolState = poolDecider.initialState;
  const dated: DatedPoolEvent[] = [];
  const leads: string[] = [];
  const declined = new Map<string, string[]>();
  let dayIndex = 0;
  const apply = (command: PoolCommand, day: string) => {
    const decision = poolDecider.decide(command, state);
    if (!Array.isArray(decision)) return;
    for (const event of decision as PoolEvent[]) {
      state = poolDecider.evolve(state, event);
      dated.push({ event, day, occurredAt: `${day}T03:00:00.000Z` });
    }
  };
  apply({ ...created(strategy).data, kind: 'CreatePool' } as PoolCommand, DAYS[0]);
  steps.forEach(({ dayStep, what }, i) => {
    dayIndex = Math.min(DAYS.length - 1, dayIndex + dayStep);
    const day = DAYS[dayIndex];
    const when = { day, month: day.slice(0, 7) };
    const poolId = POOL;
    const lead = (n: number) => leads[n % Math.max(1, leads.length)];
    switch (what.kind) {
      case 'arrive':
        leads.push(`lead-${i}`);
        return apply({ kind: 'RouteLead', poolId, leadId: `lead-${i}`, ...when }, day);
      case 'decline': {
        const leadId = lead(what.lead);
        const holder = state.status === 'active' ? state.routed.get(leadId) : undefined;
        if (!leadId || !holder || state.status !== 'active' || isQueued(state, leadId)) return;
        const passedOver = [...(declined.get(leadId) ?? []), holder];
        declined.set(leadId, passedOver);
        return apply({ kind: 'RerouteLead', poolId, leadId, passedOver, ...when }, day);
      }
      case 'claim':
        return (
          lead(what.lead) &&
          apply({ kind: 'ClaimQueuedLead', poolId, leadId: lead(what.lead), repId: REPS[what.rep] }, day)
        );
      case 'withdraw':
        return (
          lead(what.lead) && apply({ kind: 'WithdrawQueuedLead', poolId, leadId: lead(what.lead), reason: 'spam' }, day)
        );
      case 'drain':
        return apply({ kind: 'DrainQueue', poolId, ...when }, day);
      case 'AddMember':
      case 'ChangeCaps': {
        const { kind, weight, dailyCap, monthlyCap } = what;
        return apply(
          { kind, poolId, repId: REPS[what.rep], weight, dailyCap, monthlyCap, ...when } as PoolCommand,
          day,
        );
      }
      case 'PauseMember':
        return apply({ kind: 'PauseMember', poolId, repId: REPS[what.rep], reason: 'leave' }, day);
      case 'RemoveMember':
        return apply({ kind: 'RemoveMember', poolId, repId: REPS[what.rep], reason: 'removed' }, day);
      default: {
        const { kind, weight } = what;
        return apply({ kind, poolId, repId: REPS[what.rep], weight, ...when } as PoolCommand, day);
      }
    }
  });
  return { dated, state };
}

describe('routing what-if with no change', () => {
  it('gives every lead of any window to the rep who got it, for random pool histories', () => {
    const scenario = fc.record({
      strategy: fc.constantFrom('smooth-weighted-round-robin' as const, 'least-assigned' as const),
      steps: fc.array(step, { minLength: 1, maxLength: 80 }),
      from: fc.integer({ min: 0, max: DAYS.length - 1 }),
      length: fc.integer({ min: 1, max: DAYS.length }),
    });
    fc.assert(
      fc.property(scenario, ({ strategy, steps, from, length }) => {
        const { dated } = historyOf(strategy, steps);
        const window = { from: DAYS[from], to: DAYS[from + length] ?? '2026-03-10' };
        const result = routingWhatIf(dated, window, []);
        if ('problems' in result) throw new Error(JSON.stringify(result.problems));
        expect(result.leads.filter((lead) => lead.changed)).toEqual([]);
        expect(result.reps.every((rep) => rep.difference === 0)).toBe(true);
        const inWindow = dated.filter(({ day }) => day >= window.from && day < window.to);
        const decided = new Set(inWindow.flatMap(({ event }) => ('leadId' in event.data ? [event.data.leadId] : [])));
        expect(result.leads.map((lead) => lead.leadId).sort()).toEqual([...decided].sort());
      }),
      { numRuns: 400 },
    );
  });
});
