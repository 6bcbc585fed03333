import type { JsonObject, StoredEvent } from '@leadledger/event-store';
import { CloudEvent } from 'cloudevents';
import { type PublicEventType, publicTypeOf } from './public-event-types';

/** A published event as CloudEvents 1.0 structured JSON (what the feed, SSE and webhooks carry). */
export interface PublishedEvent {
  readonly specversion: '1.0';
  /** The event's id: the same on every redelivery, so receivers de-duplicate by it. */
  readonly id: string;
  readonly source: string;
  readonly type: PublicEventType;
  /** The stream the event belongs to, e.g. `lead-<leadId>`. */
  readonly subject: string;
  /** When it happened in the business (the event's occurredAt). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: JsonObject;
  /** Extension attributes (lower-case, as CloudEvents requires): the global position, as a decimal string… */
  readonly position: string;
  readonly correlationid: string;
  /** …absent when nothing caused it. */
  readonly causationid?: string;
  readonly actorid: string;
  readonly actorrole: string;
  /** Why, where a person decided (a transfer's reason); absent otherwise. */
  readonly reason?: string;
}

/**
 * The CloudEvent of a stored event, or null for a type that is not published. Made with the
 * cloudevents SDK, which validates it against the 1.0 spec. Only the event's data and the
 * business metadata are published: never the idempotency key or the recording clock.
 */
export function toPublishedEvent(event: StoredEvent, source: string): PublishedEvent | null {
  const type = publicTypeOf(event.type);
  if (type === null) return null;
  const { metadata } = event;
  const cloudEvent = new CloudEvent<JsonObject>({
    id: event.id,
    source,
    type,
    subject: event.streamId,
    time: metadata.occurredAt,
    datacontenttype: 'application/json',
    data: event.data,
    position: event.position.toString(),
    correlationid: metadata.correlationId,
    ...(metadata.causationId ? { causationid: metadata.causationId } : {}),
    actorid: metadata.actorId,
    actorrole: metadata.actorRole,
    ...(metadata.reason ? { reason: metadata.reason } : {}),
  });
  return cloudEvent.toJSON() as unknown as PublishedEvent;
}
