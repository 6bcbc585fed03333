import type { EventStore } from '@leadledger/event-store';
import type { PublishedEvent } from './cloud-event';
import type { FeedFilter } from './feed-filter';
import { publishIfMatching } from './publish-if-matching';

export interface FeedPage {
  readonly events: readonly PublishedEvent[];
  /** Pass as `after` for the next page: the last position looked at, matched or not. */
  readonly next: bigint;
}

/** Events looked at per page at most, matched or not: a page costs the same on any log. */
export const FEED_SCAN_LIMIT = 10_000;
const READ_BATCH = 1000;

/**
 * Up to `limit` published events after `after` that match `filter`, in commit order. A rare
 * type on a long log may give a short (even empty) page with `next` moved on: keep paging.
 */
export async function readFeedPage(
  store: EventStore,
  source: string,
  after: bigint,
  filter: FeedFilter,
  limit: number,
): Promise<FeedPage> {
  const events: PublishedEvent[] = [];
  let next = after;
  let scanned = 0;
  while (events.length < limit && scanned < FEED_SCAN_LIMIT) {
    const batch = await store.readAll({ after: next, maxCount: Math.min(READ_BATCH, FEED_SCAN_LIMIT - scanned) });
    if (batch.length === 0) break;
    for (const event of batch) {
      next = event.position;
      scanned++;
      const published = publishIfMatching(event, source, filter);
      if (published === null) continue;
      events.push(published);
      if (events.length === limit) break;
    }
  }
  return { events, next };
}
