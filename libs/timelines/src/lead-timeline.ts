import type { StoredEvent } from '@leadledger/event-store';
import { evolveLead, holderOf, initialLeadState, type LeadEvent, type LeadState } from '@leadledger/leads';
import { describeEvent } from './describe-event';
import { type RepNames, type TimelineEntry, timelineEntry } from './timeline-entry';

/** The lead as a timeline shows it after each event. */
export interface LeadTimelineState {
  readonly status: LeadState['status'];
  /** The rep holding the lead (or who held it when it converted); null when nobody does. */
  readonly repId: string | null;
  readonly customerId: string | null;
}

export function leadTimelineState(state: LeadState): LeadTimelineState {
  if (state.status === 'absent') return { status: 'absent', repId: null, customerId: null };
  return { status: state.status, repId: holderOf(state), customerId: state.customerId };
}

/** A lead's timeline from its own stream: each event with a sentence and the lead right after it. */
export function leadTimeline(events: readonly StoredEvent[], name: RepNames): TimelineEntry<LeadTimelineState>[] {
  let state: LeadState = initialLeadState;
  return events.map((event) => {
    state = evolveLead(state, { type: event.type, data: event.data } as unknown as LeadEvent);
    return timelineEntry(event, describeEvent(event, name), leadTimelineState(state));
  });
}
