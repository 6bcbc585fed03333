/**
 * A business rule that says no. Refusals are data, not exceptions: the HTTP layer
 * turns them into 409 answers carrying `facts`, and nothing is written.
 */
export interface Refusal<Code extends string = string> {
  readonly kind: 'refusal';
  readonly code: Code;
  readonly message: string;
  readonly facts: Readonly<Record<string, unknown>>;
}

export function refuse<Code extends string>(
  code: Code,
  message: string,
  facts: Record<string, unknown> = {},
): Refusal<Code> {
  return { kind: 'refusal', code, message, facts };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).kind === 'refusal';
}

/** Events a decider accepted, each with its type and data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export type Decision<Event extends DomainEvent> = readonly Event[] | Refusal;

/** One stream's rules as two pure functions and a starting state. */
export interface Decider<Command, State, Event extends DomainEvent> {
  readonly initialState: State;
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
}

/** Ends a switch over a closed union; a compile error means a case is missing. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
