import { type Decider, type DomainEvent, isRefusal } from '@leadledger/kernel';
import type { CommandContext } from './command-context';
import { newEventsOf } from './command-event-ids';
import { WrongExpectedRevisionError } from './event-store.errors';
import type { EventStore, StreamAppend } from './event-store.port';
import type { ExpectedRevision } from './expected-revision';
import { loadFolded, remember } from './load-state';
import type { NewEvent } from './stored-event';
import type { FoldedState } from './stream-state-cache';

/** One stream's commands in a step taken together with other streams'. */
export interface StreamCommands {
  readonly streamId: string;
  readonly decider: Decider<unknown, unknown, DomainEvent>;
  readonly commands: readonly unknown[];
}

/** Names a stream's commands for `handleOnStreamsAtOnce`, keeping the command and decider types in step. */
export function onStream<Command, State, Event extends DomainEvent>(
  streamId: string,
  decider: Decider<Command, State, Event>,
  ...commands: Command[]
): StreamCommands {
  return { streamId, decider: decider as Decider<unknown, unknown, DomainEvent>, commands };
}

interface DecidedStream {
  readonly step: StreamCommands;
  readonly folded: FoldedState<unknown> | null;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

/**
 * Several streams' commands decided and written as ONE append, on a store that writes several
 * streams atomically: one commit, and one crash point, where a step per stream paid one each.
 * Each stream is decided as `handleCommandsTogether` decides it (its commands in order, each on
 * the state the one before left, with the same event ids) and appended at the revision it was
 * read at, so a stale state can only cost a conflict, never a wrong decision.
 *
 * Resolves true once every command was accepted and its events are written (or it decided
 * none). Resolves false, having written nothing, when the caller must take the steps one at a
 * time instead: the store cannot write several streams at once, a command was refused (the
 * one-at-a-time path knows what each refusal means), or another writer appended to one of the
 * streams first.
 */
export async function handleOnStreamsAtOnce(
  store: EventStore,
  steps: readonly StreamCommands[],
  context: CommandContext,
): Promise<boolean> {
  if (!store.appendsAtomically) return false;
  const decided: DecidedStream[] = [];
  for (const step of steps) {
    const stream = decide(step, await loadFolded(store, step.streamId, step.decider), context);
    if (!stream) return false;
    decided.push(stream);
  }
  const written = decided.filter((stream) => stream.events.length > 0);
  if (written.length === 0) return true;
  const appends: StreamAppend[] = written.map(({ step, events, expectedRevision }) => ({
    streamId: step.streamId,
    events,
    expectedRevision,
  }));
  let results;
  try {
    results = await store.appendToStreams(appends);
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    store.activity.conflicts++;
    return false;
  }
  store.activity.appends++;
  for (const [i, { step, folded }] of written.entries()) {
    const stored = results[i].events;
    // Folded from the events as stored, as a fresh read would fold them.
    remember(store, step.streamId, step.decider, folded, stored, 0);
    store.activity.appendedEvents += stored.length;
  }
  return true;
}

/** The stream's commands decided in order on its state; null when one is refused. */
function decide(
  step: StreamCommands,
  folded: FoldedState<unknown> | null,
  context: CommandContext,
): DecidedStream | null {
  const { streamId, decider } = step;
  const expectedRevision: ExpectedRevision = folded ? folded.revision : 'no_stream';
  const events: NewEvent[] = [];
  let state = folded ? folded.state : decider.initialState;
  for (const command of step.commands) {
    const decision = decider.decide(command, state);
    if (isRefusal(decision)) return null;
    events.push(...newEventsOf(decision, context, streamId, expectedRevision, events.length));
    state = decision.reduce((s, e) => decider.evolve(s, e), state);
  }
  return { step, folded, expectedRevision, events };
}
