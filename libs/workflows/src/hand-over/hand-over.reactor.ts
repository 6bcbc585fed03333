import type { EventStore } from '@leadledger/event-store';
import type { WorkflowPolicy } from '../lead-routing/ownership-terms';
import type { Reactor } from '../reactor-runner';
import { type WorkLookups, handOverWork } from './hand-over.workflow';

/** Completes every departure and hand-over from the log, so one a crash interrupted finishes on restart. */
export function handOverReactor(store: EventStore, lookups: WorkLookups, policy: WorkflowPolicy): Reactor {
  return {
    name: 'hand-over',
    eventTypes: ['RepDeparted', 'RepHandOverRequested'],
    handle: async (event) => {
      await handOverWork(store, lookups, event, policy);
    },
  };
}
