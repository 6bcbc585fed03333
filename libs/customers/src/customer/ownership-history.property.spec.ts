import fc from 'fast-check';
import { isRefusal } from '@leadledger/kernel';
import { addDays } from './business-time';
import type { CustomerCommand } from './customer.commands';
import { customerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import { registered } from './customer.fixtures';
import { ownerAt, ownershipHistory } from './ownership-history';

const START = '2026-03-01T09:00:00.000Z';
const HOUR = 1 / 24;
const rep = fc.constantFrom('rep-wang', 'rep-li', 'rep-zhou');
const days = fc.integer({ min: 0, max: 10 });

// Each step moves time by -1 to +10 days (in hours, so instants often coincide); a step back
// in time exercises the refusal, which the history must simply not contain.
const step = fc.record({
  hours: fc.integer({ min: -24, max: 240 }),
  command: fc.oneof(
    fc.record({
      kind: fc.constant('ClaimCustomer'),
      repId: rep,
      protectionDays: days,
      warningDays: days,
      reclaimCoolDownDays: days,
    }),
    fc.record({
      kind: fc.constant('LogFollowUp'),
      repId: rep,
      followUpKind: fc.constant('call'),
      note: fc.constant('called'),
    }),
    fc.record({
      kind: fc.constant('TransferCustomer'),
      toRepId: rep,
      byActorId: fc.constant('mgr-zhao'),
      reason: fc.constantFrom('hand-off', ' '),
      protectionDays: days,
      warningDays: days,
      via: fc.constantFrom('transfer', 'departure-hand-off'),
      fromRepId: fc.option(rep, { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant('ReleaseCustomer'),
      reason: fc.constantFrom('protection-expired', 'owner-released', 'departure'),
      repId: fc.option(rep, { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('WarnProtectionEnding') }),
    fc.record({
      kind: fc.constant('AssignOwnership'),
      repId: rep,
      via: fc.constant('pool-rotation'),
      reason: fc.constant('rotation'),
      leadId: fc.constantFrom('lead-1', 'lead-2'),
      protectionDays: days,
      warningDays: days,
      replacesLeadOwner: fc.boolean(),
    }),
  ),
});

/** Runs the commands through the decider, keeping the accepted events. */
function play(steps: readonly { hours: number; command: object }[]): CustomerEvent[] {
  let at = START;
  let state = customerDecider.evolve(customerDecider.initialState, registered);
  const events: CustomerEvent[] = [registered];
  for (const { hours, command } of steps) {
    at = addDays(at, hours * HOUR);
    const decision = customerDecider.decide({ ...command, at } as CustomerCommand, state);
    if (isRefusal(decision)) continue;
    events.push(...decision);
    state = decision.reduce(customerDecider.evolve, state);
  }
  return events;
}

function occurredAt(event: CustomerEvent): string {
  switch (event.type) {
    case 'CustomerRegistered':
      return event.data.registeredAt;
    case 'CustomerIdentityKeyAdded':
      return START;
    case 'OwnershipAssigned':
      return event.data.since;
    default:
      return event.data.at;
  }
}

/** The owner at `at` by replaying every event that happened by then through the decider. */
function replayedOwnerAt(events: readonly CustomerEvent[], at: string): string | null {
  const upTo = events.filter((event) => Date.parse(occurredAt(event)) <= Date.parse(at));
  const state = upTo.reduce(customerDecider.evolve, customerDecider.initialState);
  return state.status === 'owned' ? state.owner.repId : null;
}

describe('ownership history (property)', () => {
  it('has one owner at a time, each interval ending where the next begins or at a release', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = play(steps);
        const intervals = ownershipHistory(events);
        const assignments = events.flatMap((event, index) => (event.type === 'OwnershipAssigned' ? [index] : []));
        expect(intervals).toHaveLength(assignments.length);
        intervals.forEach((interval, i) => {
          const between = events.slice(assignments[i] + 1, assignments[i + 1] ?? events.length);
          const release = between.find((event) => event.type === 'CustomerReleased');
          const next = intervals[i + 1];
          const expectedEnd = release ? occurredAt(release) : (next?.from ?? null);
          expect(interval.to).toBe(expectedEnd);
          if (interval.to !== null) expect(Date.parse(interval.from)).toBeLessThanOrEqual(Date.parse(interval.to));
          if (next) expect(Date.parse(interval.to ?? '')).toBeLessThanOrEqual(Date.parse(next.from));
        });
      }),
    );
  });

  it('answers ownerAt as a replay of the events up to that time does', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = play(steps);
        const history = ownershipHistory(events);
        const times = events.map(occurredAt).flatMap((at) => [addDays(at, -HOUR / 60), at, addDays(at, HOUR / 60)]);
        for (const at of times) expect(ownerAt(history, at)).toBe(replayedOwnerAt(events, at));
      }),
    );
  });
});
