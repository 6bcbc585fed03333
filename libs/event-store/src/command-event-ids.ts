import { type DomainEvent, idFromSeed } from '@leadledger/kernel';
import { type CommandContext, metadataFor } from './command-context';
import { type ExpectedRevision, describeRevision } from './expected-revision';
import { AppendOutcomeUnknownError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import type { JsonObject, NewEvent, StoredEvent } from './stored-event';

/**
 * The id of the `index`th event of an append, derived from the command that decided it: its
 * Idempotency-Key (scoped to the actor) or else its request's correlation id, the stream, the
 * revision the append expects, and the event itself (type and data). A retry of that same
 * append (after its answer was lost) sends the same ids, which EventStoreDB recognises as the
 * same write; a different append (a later command, a re-decision after a lost race) expects
 * another revision and gets other ids. The content is in the seed because one correlation id
 * can decide on one stream in two places at once (a request and, in another engine, the
 * reactor completing the same lead): had they decided differently at the same revision, equal
 * ids would make the server take the loser's append for a repeat of the winner's and answer it
 * as written; with the content in them the loser meets a conflict and decides again.
 */
export function commandEventId(
  context: CommandContext,
  streamId: string,
  expectedRevision: ExpectedRevision,
  index: number,
  event: Pick<NewEvent, 'type' | 'data'>,
): string {
  const command = context.idempotencyKey
    ? `key:${context.actorId}:${context.idempotencyKey}`
    : `correlation:${context.correlationId}`;
  const content = JSON.stringify([event.type, event.data]);
  return idFromSeed(`event:${command}:${streamId}:${describeRevision(expectedRevision)}:${index}:${content}`);
}

/**
 * One command's decided events as new events of an append, the first of them the append's
 * `firstIndex`th: each with its command-derived id and the command's metadata.
 */
export function newEventsOf(
  decision: readonly DomainEvent[],
  context: CommandContext,
  streamId: string,
  expectedRevision: ExpectedRevision,
  firstIndex: number,
): NewEvent[] {
  const metadata = metadataFor(context);
  return decision.map((event, i) => {
    const content = { type: event.type, data: event.data as JsonObject };
    return { id: commandEventId(context, streamId, expectedRevision, firstIndex + i, content), ...content, metadata };
  });
}

/**
 * Appends; when the store lost the answer, reads the stream back to learn whether the write
 * landed. The events' ids say whether what follows the expected revision is this very append:
 * then it is answered as written, once. When the read shows it did not land, the same append
 * (same ids, same expected revision) is sent once more: should the first still land late, the
 * server takes the second as its repeat. When the stream cannot be read back, the caller gets
 * AppendOutcomeUnknownError.
 */
export async function appendRecognisingRetry(
  store: EventStore,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: bigint | 'no_stream',
): Promise<readonly StoredEvent[]> {
  try {
    return (await store.appendToStream(streamId, events, { expectedRevision })).events;
  } catch (error) {
    if (!(error instanceof AppendOutcomeUnknownError)) throw error;
    const fromRevision = expectedRevision === 'no_stream' ? 0n : expectedRevision + 1n;
    let found: StoredEvent[];
    try {
      found = await store.readStream(streamId, { fromRevision, maxCount: events.length });
    } catch {
      throw error;
    }
    if (found.length === events.length && found.every((event, i) => event.id === events[i].id)) return found;
    return (await store.appendToStream(streamId, events, { expectedRevision })).events;
  }
}
