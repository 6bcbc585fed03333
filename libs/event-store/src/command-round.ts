import { type Decider, type DomainEvent, type Refusal, isRefusal } from '@leadledger/kernel';
import type { CommandContext } from './command-context';
import { appendRecognisingRetry, newEventsOf } from './command-event-ids';
import { WrongExpectedRevisionError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import type { Accepted } from './handle-command';
import { loadFolded, toDomainEvent } from './load-state';
import type { NewEvent, StoredEvent } from './stored-event';

/** A command waiting for its turn on a stream. */
export interface Waiting {
  readonly decider: Decider<unknown, unknown, DomainEvent>;
  readonly command: unknown;
  readonly context: CommandContext;
  retriesLeft: number;
  readonly resolve: (outcome: Accepted<unknown> | Refusal) => void;
  readonly reject: (error: unknown) => void;
}

type Decided =
  | { readonly waiting: Waiting; readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly waiting: Waiting; readonly kind: 'failed'; readonly error: unknown }
  | { readonly waiting: Waiting; readonly kind: 'accepted'; readonly from: number; readonly to: number };

/**
 * Decides every command of the round in order, each on the state the ones before it left,
 * then appends all their events at once, expecting the revision the round read. Returns the
 * commands to run again (a lost race, within their retries); every other one is answered.
 * A refusal is only answered after the append: it was decided on the earlier commands'
 * events, which must be in the log for it to stand.
 */
export async function runRound(store: EventStore, streamId: string, round: readonly Waiting[]): Promise<Waiting[]> {
  const fold = round[0].decider;
  let folded;
  try {
    folded = await loadFolded(store, streamId, fold);
  } catch (error) {
    for (const waiting of round) waiting.reject(error);
    return [];
  }
  const base = folded ? folded.state : fold.initialState;
  const expectedRevision = folded ? folded.revision : 'no_stream';
  const newEvents: NewEvent[] = [];
  const decided: Decided[] = [];
  let state = base;
  for (const waiting of round) {
    try {
      const decision = waiting.decider.decide(waiting.command, state);
      if (isRefusal(decision)) {
        decided.push({ waiting, kind: 'refused', refusal: decision });
        continue;
      }
      const from = newEvents.length;
      newEvents.push(...newEventsOf(decision, waiting.context, streamId, expectedRevision, from));
      state = decision.reduce((s, e) => fold.evolve(s, e), state);
      decided.push({ waiting, kind: 'accepted', from, to: newEvents.length });
    } catch (error) {
      decided.push({ waiting, kind: 'failed', error });
    }
  }

  let stored: readonly StoredEvent[] = [];
  if (newEvents.length > 0) {
    try {
      stored = await appendRecognisingRetry(store, streamId, newEvents, expectedRevision);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) store.activity.conflicts++;
      const again = retryOrFail(round, decided, error);
      store.activity.retries += again.length;
      return again;
    }
    store.activity.appends++;
    store.activity.appendedEvents += stored.length;
  }

  // Each caller gets the state after its own events, folded from the events as stored (what a
  // fresh read would fold); the last of them is what the cache keeps.
  let after = base;
  let at = 0;
  for (const outcome of decided) {
    if (outcome.kind === 'refused') outcome.waiting.resolve(outcome.refusal);
    else if (outcome.kind === 'failed') outcome.waiting.reject(outcome.error);
    else {
      for (; at < outcome.to; at++) after = fold.evolve(after, toDomainEvent(stored[at]));
      outcome.waiting.resolve({ kind: 'accepted', state: after, events: stored.slice(outcome.from, outcome.to) });
    }
  }
  const last = stored.at(-1);
  if (last) {
    const eventsSinceSnapshot = (folded?.eventsSinceSnapshot ?? 0) + stored.length;
    store.streamStates.put(streamId, fold, {
      state: after,
      revision: last.revision,
      eventId: last.id,
      eventsSinceSnapshot,
    });
  }
  return [];
}

/** After a failed append: a lost race re-runs the commands that have retries left; any other error fails all. */
function retryOrFail(round: readonly Waiting[], decided: readonly Decided[], error: unknown): Waiting[] {
  const failedToDecide = new Map(decided.flatMap((d) => (d.kind === 'failed' ? [[d.waiting, d.error] as const] : [])));
  const again: Waiting[] = [];
  for (const waiting of round) {
    if (failedToDecide.has(waiting)) waiting.reject(failedToDecide.get(waiting));
    else if (error instanceof WrongExpectedRevisionError && waiting.retriesLeft > 0) {
      waiting.retriesLeft--;
      again.push(waiting);
    } else waiting.reject(error);
  }
  return again;
}
