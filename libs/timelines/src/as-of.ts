import type { StoredEvent } from '@leadledger/event-store';

/**
 * The events of a replay stopped at `asOf` (an ISO instant): those whose business time is at or
 * before it. Build the timeline from these, so no later event leaks into a state "as of" then.
 */
export function eventsAsOf(events: readonly StoredEvent[], asOf: string): StoredEvent[] {
  const limit = Date.parse(asOf);
  return events.filter((event) => Date.parse(event.metadata.occurredAt) <= limit);
}
