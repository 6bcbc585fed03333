import type { StoredEvent } from '@leadledger/event-store';
import { type PublishedEvent, toPublishedEvent } from './cloud-event';
import { type FeedFilter, matchesFeedFilter } from './feed-filter';
import { publicTypeOf } from './public-event-types';

/**
 * The event as published when its type is published and it passes `filter`, else null. The
 * cheap test comes first: only a match is made into a (validated) CloudEvent.
 */
export function publishIfMatching(event: StoredEvent, source: string, filter: FeedFilter): PublishedEvent | null {
  const type = publicTypeOf(event.type);
  if (type === null || !matchesFeedFilter({ type, subject: event.streamId }, filter)) return null;
  return toPublishedEvent(event, source);
}
