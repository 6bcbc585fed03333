import fc from 'fast-check';
import { isRefusal } from '@leadledger/kernel';
import type { BusinessDay, PoolCommand } from './pool.commands';
import { poolDecider } from './pool.decider';
import type { PoolEvent, PoolStrategy } from './pool.events';
import { POOL, added, created } from './pool.test-fixtures';
import type { ActivePool, PoolState } from './pool.state';

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

/** A lead id seen so far: step `index` may name any lead that arrived up to then. */
const earlierLead = (lead: number, index: number) => `lead-${lead % (index + 1)}`;

/**
 * One step of a pool's life: an arrival (perhaps on a later day, and six times likelier), a
 * manager's change, a re-route of a lead its rep passed over (and perhaps others too), a
 * claim or a withdrawal of a queued lead.
 */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: kind('arrival'), nextDay: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: kind('reroute'), lead: fc.nat(), alsoPassedOver: fc.subarray(REPS) }) },
  fc.record({ kind: kind('claim'), lead: fc.nat(), repId: rep }),
  fc.record({ kind: kind('withdraw'), lead: fc.nat() }),
  fc.record({ kind: fc.constantFrom('PauseMember' as const, 'RemoveMember' as const), repId: rep }),
  fc.record({ kind: kind('ResumeMember'), repId: rep }),
  fc.record({ kind: kind('ChangeWeight'), repId: rep, weight }),
  fc.record({ kind: kind('AddMember'), repId: rep, weight }),
  fc.record({ kind: kind('ChangeCaps'), repId: rep, dailyCap: cap, monthlyCap: cap }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function toCommand(s: Step, index: number, when: BusinessDay, state: PoolState): PoolCommand {
  const base = { poolId: POOL, ...when };
  switch (s.kind) {
    case 'arrival':
      return { kind: 'RouteLead', leadId: `lead-${index}`, ...base };
    case 'reroute': {
      const leadId = earlierLead(s.lead, index);
      const holder = state.status === 'active' ? (state as ActivePool).routed.get(leadId) : undefined;
      const passedOver = [...new Set([...(holder ? [holder] : []), ...s.alsoPassedOver])];
      return { kind: 'RerouteLead', leadId, passedOver, ...base };
    }
    case 'claim':
      return { kind: 'ClaimQueuedLead', poolId: POOL, leadId: earlierLead(s.lead, index), repId: s.repId };
    case 'withdraw':
      return { kind: 'WithdrawQueuedLead', poolId: POOL, leadId: earlierLead(s.lead, index), reason: 'spam' };
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

type Check = (event: PoolEvent, command: PoolCommand | null) => void;

/** Plays the steps from a pool with caps, handing every emitted event (history included) and its command to `check`. */
function play(strategy: PoolStrategy, steps: readonly Step[], check: Check): void {
  const history = [created(strategy), added('rep-a', 2, 2, 5), added('rep-b', 1, null, 3), added('rep-c', 3)];
  history.forEach((event) => check(event, null));
  let state: PoolState = history.reduce(poolDecider.evolve, poolDecider.initialState);
  let dayNumber = 0;
  steps.forEach((s, index) => {
    if (s.kind === 'arrival' && s.nextDay) dayNumber++;
    const command = toCommand(s, index, businessDay(dayNumber), state);
    const decision = poolDecider.decide(command, state);
    if (isRefusal(decision)) return;
    for (const event of decision) {
      check(event, command);
      state = poolDecider.evolve(state, event);
    }
  });
}

/**
 * An independent model of eligibility, built from the events and the commands that caused
 * them, to judge each assignment: which members may take leads, and which reps each queued
 * lead must avoid (taken from the RerouteLead that queued it, not from the event).
 */
function eligibilityModel(): Check {
  const members = new Map<string, { paused: boolean; dailyCap: number | null; monthlyCap: number | null }>();
  const counts = new Map<string, number>();
  /** leadId -> the reps it must not go to, for every lead waiting in the queue. */
  const waiting = new Map<string, readonly string[]>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const eligibleOn = (day: string, month: string, passedOver: readonly string[]) =>
    [...members].flatMap(([repId, m]) => {
      const underDaily = m.dailyCap === null || (counts.get(`${repId}|${day}`) ?? 0) < m.dailyCap;
      const underMonthly = m.monthlyCap === null || (counts.get(`${repId}|${month}`) ?? 0) < m.monthlyCap;
      return !m.paused && underDaily && underMonthly && !passedOver.includes(repId) ? [repId] : [];
    });
  return (event, command) => {
    const d = event.data;
    const rerouting = command?.kind === 'RerouteLead' ? command.passedOver : [];
    if ('repId' in d) {
      const member = members.get(d.repId);
      if (event.type === 'PoolMemberAdded') members.set(d.repId, { ...event.data, paused: false });
      if (event.type === 'PoolMemberRemoved') members.delete(d.repId);
      if (member && event.type === 'PoolMemberPaused') member.paused = true;
      if (member && event.type === 'PoolMemberResumed') member.paused = false;
      if (member && event.type === 'PoolMemberCapsChanged') Object.assign(member, event.data);
    }
    if (event.type === 'PoolLeadQueued') {
      const { leadId, day, month, passedOver } = event.data;
      expect(passedOver).toEqual(rerouting);
      expect(eligibleOn(day, month, rerouting)).toEqual([]);
      waiting.set(leadId, rerouting);
    }
    if (event.type === 'PoolQueuedLeadClaimed' || event.type === 'PoolQueuedLeadWithdrawn') {
      expect(waiting.delete(event.data.leadId)).toBe(true);
    }
    if (event.type === 'PoolLeadAssigned') {
      const { leadId, repId, day, month, fromQueue, rerouted } = event.data;
      expect(rerouted).toBe(command?.kind === 'RerouteLead');
      if (fromQueue) expect(waiting.has(leadId)).toBe(true);
      const mustAvoid = fromQueue ? (waiting.get(leadId) ?? []) : rerouting;
      // The property: a rep who passed a lead over never gets it back from the rotation.
      expect(mustAvoid).not.toContain(repId);
      expect(eligibleOn(day, month, mustAvoid)).toContain(repId);
      waiting.delete(leadId);
      bump(`${repId}|${day}`);
      bump(`${repId}|${month}`);
    }
  };
}

describe('pool rotation properties', () => {
  it('never chooses a paused, capped, departed or passed-over member, and queues only when nobody is eligible', () => {
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
