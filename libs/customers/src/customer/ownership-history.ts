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
  const intervals: OwnershipInterval[] = [];
  const closeAt = (to: string) => {
    const last = intervals.at(-1);
    if (last && last.to === null) intervals[intervals.length - 1] = { ...last, to };
  };
  for (const event of events) {
    if (event.type === 'OwnershipAssigned') {
      const { repId, since, via, reason } = event.data;
      closeAt(since);
      intervals.push({ repId, from: since, to: null, via, reason });
    } else if (event.type === 'CustomerReleased') {
      closeAt(event.data.at);
    }
  }
  return intervals;
}

/** Who owned the customer at `isoTime` (null: nobody, the customer was in the pool or not yet owned). */
export function ownerAt(history: readonly OwnershipInterval[], isoTime: string): string | null {
  const interval = history.find(({ from, to }) => !isBefore(isoTime, from) && (to === null || isBefore(isoTime, to)));
  return interval?.repId ?? null;
}
