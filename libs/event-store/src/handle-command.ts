import type { Decider, DomainEvent, Refusal } from '@leadledger/kernel';
import type { CommandContext } from './command-context';
import type { EventStore } from './event-store.port';
import type { StoredEvent } from './stored-event';
import { type Waiting, runRound } from './command-round';

export interface Accepted<State> {
  readonly kind: 'accepted';
  readonly state: State;
  readonly events: readonly StoredEvent[];
}

export interface HandleCommandOptions {
  /** How many times to re-read and re-decide after losing a race on the stream. */
  readonly retriesOnConflict?: number;
}

/** Commands waiting per stream, per store: a stream with an entry has a round running. */
const waitingByStore = new WeakMap<EventStore, Map<string, Waiting[]>>();

/**
 * Read -> fold -> decide -> append with the expected revision. A lost race is retried
 * from a fresh read, so the decision is always made on the state it is appended to.
 *
 * Commands for one stream in this process take turns: while one round's append is in flight,
 * the next commands wait, and the next round decides all of them in order, each on the state
 * the previous one left, and appends their events in ONE append with one expected revision.
 * A hot stream (a pool every lead is routed through) then costs one append per round instead
 * of a lost race per concurrent caller. Across processes the expected revision still decides.
 */
export function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<Accepted<State> | Refusal> {
  return handleCommandsTogether(store, streamId, decider, [command], context, options).then(([outcome]) => outcome);
}

/**
 * Several commands for one stream that always travel together, decided in order in the same
 * round (each on the state the one before it left) and appended in one append: one read and
 * one commit where one at a time would pay each of them per command. Each gets its own outcome,
 * as if sent one after the other; a lost race re-decides all of them together.
 */
export function handleCommandsTogether<Command, State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  commands: readonly Command[],
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<Array<Accepted<State> | Refusal>> {
  const waitings: Waiting[] = [];
  const outcomes = commands.map(
    (command) =>
      new Promise<Accepted<State> | Refusal>((resolve, reject) => {
        waitings.push({
          decider: decider as Decider<unknown, unknown, DomainEvent>,
          command,
          context,
          retriesLeft: options.retriesOnConflict ?? 3,
          resolve: resolve as Waiting['resolve'],
          reject,
        });
      }),
  );
  enqueue(store, streamId, waitings);
  return Promise.all(outcomes);
}

/** Queues the commands behind the stream's running round, or starts the rounds when none runs. */
function enqueue(store: EventStore, streamId: string, waitings: readonly Waiting[]): void {
  let streams = waitingByStore.get(store);
  if (!streams) waitingByStore.set(store, (streams = new Map()));
  const queue = streams.get(streamId);
  if (queue) {
    queue.push(...waitings);
    return;
  }
  const fresh = [...waitings];
  streams.set(streamId, fresh);
  void drain(store, streamId, fresh, streams);
}

/** Runs rounds until nobody waits for the stream. */
async function drain(store: EventStore, streamId: string, queue: Waiting[], streams: Map<string, Waiting[]>) {
  while (queue.length > 0) {
    const round = takeRound(queue);
    const retry = await runRound(store, streamId, round);
    queue.unshift(...retry);
  }
  streams.delete(streamId);
}

/** The commands at the head of the queue that fold the stream the same way (one state for all). */
function takeRound(queue: Waiting[]): Waiting[] {
  const { initialState, evolve } = queue[0].decider;
  let count = 1;
  while (count < queue.length) {
    const next = queue[count].decider;
    if (next.initialState !== initialState || next.evolve !== evolve) break;
    count++;
  }
  return queue.splice(0, count);
}
