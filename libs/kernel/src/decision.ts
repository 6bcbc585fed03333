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

/** JSON as a snapshot holds it. The kernel's own type, so the kernel depends on no store. */
export type SnapshotJson =
  string | number | boolean | null | readonly SnapshotJson[] | { readonly [key: string]: SnapshotJson };

/**
 * How a decider's state is written to a snapshot and read back. `version` names the state's
 * shape and the fold that made it: change it whenever the state or evolve changes, and every
 * older snapshot is ignored (the stream is folded from its start again).
 */
export interface StateSnapshotCodec<State> {
  readonly version: string;
  toJson(state: State): SnapshotJson;
  fromJson(json: SnapshotJson): State;
}

/**
 * One stream's rules as two pure functions and a starting state. evolve never changes the
 * state it is given: folded states are cached and shared. A decider whose streams grow long
 * (a pool) also says how its state is snapshotted.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  readonly initialState: State;
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
  readonly snapshot?: StateSnapshotCodec<State>;
}

/** Ends a switch over a closed union; a compile error means a case is missing. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
