import type { PublishedEvent } from './cloud-event';

/** What a subscriber asked for; an absent or empty list lets everything through. */
export interface FeedFilter {
  /** Public types (`leadledger.lead.assigned.v1`), or areas ending in `*` (`leadledger.lead.*`). */
  readonly types?: readonly string[];
  /** Stream prefixes (`lead-`, `customer-42`). */
  readonly streams?: readonly string[];
}

export function matchesFeedFilter(event: Pick<PublishedEvent, 'type' | 'subject'>, filter: FeedFilter): boolean {
  const { types, streams } = filter;
  if (
    types &&
    types.length > 0 &&
    !types.some((t) => (t.endsWith('*') ? event.type.startsWith(t.slice(0, -1)) : t === event.type))
  )
    return false;
  if (streams && streams.length > 0 && !streams.some((prefix) => event.subject.startsWith(prefix))) return false;
  return true;
}
