import type { StoredEvent } from '@leadledger/event-store';
import { utcInstant } from '@leadledger/kernel';

/**
 * One event of a timeline as a person reads it: when it happened in the business and when
 * it was recorded, who did it and why, one sentence, and the subject's state right after it.
 */
export interface TimelineEntry<State> {
  /** Global position in the log, a decimal string: the order decisions were recorded in. */
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly reason: string | null;
  readonly sentence: string;
  readonly stateAfter: State;
}

export function timelineEntry<State>(event: StoredEvent, sentence: string, stateAfter: State): TimelineEntry<State> {
  const { occurredAt, recordedAt, actorId, actorRole, reason } = event.metadata;
  return {
    position: event.position.toString(),
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    occurredAt: utcInstant(occurredAt),
    recordedAt,
    actorId,
    actorRole,
    reason,
    sentence,
    stateAfter,
  };
}

/** A rep's display name for sentences; the id itself when the directory does not know it. */
export type RepNames = (repId: string) => string;
