import {
  CUSTOMER_EVENT_TYPES,
  type CustomerEvent,
  type CustomerState,
  evolveCustomer,
  initialCustomerState,
} from '@leadledger/customers';
import type { StoredEvent } from '@leadledger/event-store';
import { ownerClause } from './customer-sentences';
import { describeEvent } from './describe-event';
import { type RepNames, type TimelineEntry, timelineEntry } from './timeline-entry';

/** The customer as a timeline shows it after each event. */
export interface CustomerTimelineState {
  readonly status: 'unregistered' | 'unowned' | 'owned';
  readonly ownerId: string | null;
  readonly protectedUntil: string | null;
  /** Whether the 流失预警 for the current protection window went out. */
  readonly warned: boolean;
}

export function customerTimelineState(state: CustomerState): CustomerTimelineState {
  if (state.status !== 'owned') return { status: state.status, ownerId: null, protectedUntil: null, warned: false };
  const { repId, protectedUntil, warned } = state.owner;
  return { status: 'owned', ownerId: repId, protectedUntil, warned };
}

const CUSTOMER_TYPES = new Set<string>(CUSTOMER_EVENT_TYPES);
/** Lead events whose sentence says who owned the customer at that moment. */
const OWNER_CONTEXT_TYPES = new Set(['LeadReceived', 'LeadMatchedToCustomer']);

/**
 * A customer's timeline from its own events and those of its leads and sales, in log order:
 * each with a sentence and the customer's ownership right after it.
 */
export function customerTimeline(
  events: readonly StoredEvent[],
  name: RepNames,
): TimelineEntry<CustomerTimelineState>[] {
  // Equivalent mutants: positions are unique, so `<=` for `<` and `>=` for `>` never meet a tie, and
  // V8's sort only asks whether a comparison is below 0, so `1` and `0` for "after" sort the same.
  const ordered = [...events].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const currencies = new Map<string, string>();
  let state: CustomerState = initialCustomerState;
  return ordered.map((event) => {
    const before = state;
    if (CUSTOMER_TYPES.has(event.type)) {
      state = evolveCustomer(state, { type: event.type, data: event.data } as unknown as CustomerEvent);
    }
    if (event.type === 'SaleRecorded') currencies.set(String(event.data.saleId), String(event.data.currency));
    let sentence = describeEvent(event, name, {
      customerBefore: before,
      saleCurrency: (saleId) => currencies.get(saleId) ?? null,
    });
    if (OWNER_CONTEXT_TYPES.has(event.type)) sentence += `; ${ownerClause(before, name)}`;
    return timelineEntry(event, sentence, customerTimelineState(state));
  });
}
