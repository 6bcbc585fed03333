import type { StoredEvent } from './stored-event';

/** Narrows a read of the global log; an empty or absent list lets everything through. */
export interface GlobalLogFilter {
  readonly eventTypes?: readonly string[];
  readonly streamPrefixes?: readonly string[];
}

export function matchesFilter(event: Pick<StoredEvent, 'type' | 'streamId'>, filter?: GlobalLogFilter): boolean {
  if (!filter) return true;
  const { eventTypes, streamPrefixes } = filter;
  if (eventTypes && eventTypes.length > 0 && !eventTypes.includes(event.type)) return false;
  if (streamPrefixes && streamPrefixes.length > 0 && !streamPrefixes.some((p) => event.streamId.startsWith(p))) {
    return false;
  }
  return true;
}
