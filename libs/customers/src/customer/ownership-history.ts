import { isBefore } from './business-time';
import type { CustomerEvent, OwnershipVia } from './customer.events';

/** One rep's time as owner: from `from` (inclusive) to `to` (exclusive), null while it lasts. */
export interface OwnershipInterval {
  readonly repId: string;
  readonly from: string;
  readonly to: string | null;
  readonly via: OwnershipVia;
  readonly reason: string;
}

/**
 * The ownership intervals of one customer, oldest first, from its events alone. A new
 * assignment ends the open interval at its `since`; a release ends it at its `at`.
 */
export function ownershipHistory(events: readonly CustomerEvent[]): OwnershipInterval[] {
  return events.reduce<OwnershipInterval[]>(withOwnershipEvent, []);
}

/** The intervals after one more customer event: for read models that keep the history as they go. */
export function withOwnershipEvent(intervals: readonly OwnershipInterval[], event: CustomerEvent): OwnershipInterval[] {
  const closedAt = (to: string): OwnershipInterval[] => {
    const last = intervals.at(-1);
    return last && last.to === null ? [...intervals.slice(0, -1), { ...last, to }] : [...intervals];
  };
  if (event.type === 'OwnershipAssigned') {
    const { repId, since, via, reason } = event.data;
    return [...closedAt(since), { repId, from: since, to: null, via, reason }];
  }
  if (event.type === 'CustomerReleased') return closedAt(event.data.at);
  return [...intervals];
}

/** Who owned the customer at `isoTime` (null: nobody, the customer was in the pool or not yet owned). */
export function ownerAt(history: readonly OwnershipInterval[], isoTime: string): string | null {
  const interval = history.find(({ from, to }) => !isBefore(isoTime, from) && (to === null || isBefore(isoTime, to)));
  return interval?.repId ?? null;
}
