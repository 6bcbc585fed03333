import { type Decider, type DomainEvent, isRefusal } from '../decision';

/**
 * Given/when/then for deciders:
 *   given(decider, [past events]).when(command).thenEvents([...]) or .thenRefuses({ code })
 */
export function given<Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  history: readonly Event[] = [],
) {
  const state = history.reduce(decider.evolve, decider.initialState);
  return {
    when(command: Command) {
      const decision = decider.decide(command, state);
      return {
        thenEvents(expected: readonly Event[]): void {
          if (isRefusal(decision))
            throw new Error(`Expected events, got refusal ${decision.code}: ${decision.message}`);
          expect(decision).toEqual(expected);
        },
        thenRefuses(expected: { code: string; facts?: Record<string, unknown> }): void {
          if (!isRefusal(decision))
            throw new Error(`Expected refusal ${expected.code}, got ${JSON.stringify(decision)}`);
          expect(decision.code).toBe(expected.code);
          if (expected.facts) expect(decision.facts).toEqual(expected.facts);
        },
      };
    },
  };
}
