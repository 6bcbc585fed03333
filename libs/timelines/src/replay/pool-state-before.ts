import { type EventStore, type StoredEvent, turnOfEventLoop } from '@leadledger/event-store';
import {
  evolvePool,
  initialPoolState,
  type PoolEvent,
  type PoolLeadAssigned,
  type PoolState,
  poolStreamId,
} from '@leadledger/routing';

/** Events per read while folding a pool's history; the event loop is released between reads. */
const PAGE = 2000;

const asPoolEvent = (event: StoredEvent) => ({ type: event.type, data: event.data }) as unknown as PoolEvent;

/**
 * The pool as its events before `isDecision` left it, and that decision's event: read page by
 * page and folded as it goes, so a pool with years of leads neither fills memory nor holds
 * the event loop. A replay costs the pool's history up to the decision, like a rebuild.
 */
export async function poolStateBefore(
  store: EventStore,
  poolId: string,
  isDecision: (event: PoolLeadAssigned) => boolean,
): Promise<{ state: PoolState; decision: PoolLeadAssigned; eventsReplayed: number } | null> {
  let state = initialPoolState;
  let revision = 0n;
  for (;;) {
    const page = await store.readStream(poolStreamId(poolId), { fromRevision: revision, maxCount: PAGE });
    for (const stored of page) {
      const event = asPoolEvent(stored);
      // Equivalent mutant: the type check as `true` (only a PoolLeadAssigned carries the lead's
      // recorded trace; a queued decision's names nobody as chosen).
      if (event.type === 'PoolLeadAssigned' && isDecision(event)) {
        return { state, decision: event, eventsReplayed: Number(stored.revision) };
      }
      state = evolvePool(state, event);
    }
    if (page.length < PAGE) return null;
    revision += BigInt(PAGE);
    await turnOfEventLoop();
  }
}
