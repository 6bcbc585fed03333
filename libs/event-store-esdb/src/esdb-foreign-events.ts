import type { AllStreamResolvedEvent, RecordedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '@leadledger/event-store';
import { isSystemEventType, toStoredEvent } from './esdb-mapping';

/** The fields every engine event's metadata carries (EventMetadata); other writers' rarely all do. */
const ENGINE_METADATA_STRINGS = ['actorId', 'actorRole', 'occurredAt', 'correlationId'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Why an event in the log is not one this engine wrote, or null when it is. A server shared
 * with other applications holds their events, and the server's own ($-prefixed streams and
 * types: metadata, links, statistics, checkpoints). Such an event is skipped by every read,
 * subscription and export, and never reaches a mapping that could throw and stop every reader.
 * Ours are JSON objects in the engine's envelope (EventMetadata), whatever their type: a
 * type list would silently drop an event type added without it.
 */
export function foreignReason(recorded: RecordedEvent): string | null {
  if (recorded.streamId.startsWith('$')) return 'in a system stream';
  if (isSystemEventType(recorded.type)) return 'a system event';
  if (!recorded.isJson || !isObject(recorded.data)) return 'its data is not a JSON object';
  const metadata = recorded.metadata;
  if (!isObject(metadata)) return 'its metadata is not a JSON object';
  if (ENGINE_METADATA_STRINGS.some((field) => typeof metadata[field] !== 'string')) return 'not in the engine envelope';
  if (typeof metadata.schemaVersion !== 'number') return 'not in the engine envelope';
  return null;
}

/** The event as the port gives it, or null for a link without its event or an event the engine did not write. */
export function engineEventOf(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
  if (!resolved.event || foreignReason(resolved.event) !== null) return null;
  return toStoredEvent(resolved);
}
