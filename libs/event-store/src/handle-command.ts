import { type Decider, type DomainEvent, type Refusal, isRefusal } from '@leadledger/kernel';
import { type CommandContext, metadataFor } from './command-context';
import { WrongExpectedRevisionError } from './event-store.errors';
import { EventStore } from './event-store.port';
import type { JsonObject, StoredEvent } from './stored-event';

export interface Accepted<State> {
  readonly kind: 'accepted';
  readonly state: State;
  readonly events: readonly StoredEvent[];
}

export interface HandleCommandOptions {
  /** How many times to re-read and re-decide after losing a race on the stream. */
  readonly retriesOnConflict?: number;
}

export function toDomainEvent(event: StoredEvent): DomainEvent {
  return { type: event.type, data: event.data };
}

/** Folds stored events into a decider's state. */
export function foldEvents<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly StoredEvent[],
): State {
  return events.reduce((s, e) => decider.evolve(s, toDomainEvent(e) as Event), decider.initialState);
}

/** Folds a stream into its decider's state; also returns the revision to expect on append. */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
): Promise<{ state: State; revision: bigint | 'no_stream' }> {
  const events = await store.readStream(streamId);
  const state = foldEvents(decider, events);
  const last = events.at(-1);
  return { state, revision: last ? last.revision : 'no_stream' };
}

/**
 * Read -> fold -> decide -> append with the expected revision. A lost race is retried
 * from a fresh read, so the decision is always made on the state it is appended to.
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<Accepted<State> | Refusal> {
  const retries = options.retriesOnConflict ?? 3;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await loadState(store, streamId, decider);
    const decision = decider.decide(command, state);
    if (isRefusal(decision)) return decision;
    const metadata = metadataFor(context);
    const newEvents = decision.map((e) => ({ type: e.type, data: e.data as JsonObject, metadata }));
    try {
      const result =
        newEvents.length === 0
          ? { events: [] }
          : await store.appendToStream(streamId, newEvents, { expectedRevision: revision });
      const next = decision.reduce((s, e) => decider.evolve(s, e), state);
      return { kind: 'accepted', state: next, events: result.events };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < retries) continue;
      throw error;
    }
  }
}
