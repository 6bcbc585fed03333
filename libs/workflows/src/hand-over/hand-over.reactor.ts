import type { EventStore } from '@leadledger/event-store';
import type { WorkflowPolicy } from '../lead-routing/ownership-terms';
import type { Reactor } from '../reactor-runner';
import { LATE_WORK_TYPES, sweepLateWork } from './departure-sweep';
import { type WorkLookups, handOverWork } from './hand-over.workflow';

/**
 * Completes every departure and hand-over from the log, so one a crash interrupted finishes on
 * restart; and sweeps work that reached a rep after their departure (a walk-in or a pool
 * membership racing the departure) to where the departure sent everything else.
 */
export function handOverReactor(store: EventStore, lookups: WorkLookups, policy: WorkflowPolicy): Reactor {
  return {
    name: 'hand-over',
    eventTypes: ['RepDeparted', 'RepHandOverRequested', ...LATE_WORK_TYPES],
    handle: async (event) => {
      if (LATE_WORK_TYPES.includes(event.type)) await sweepLateWork(store, event, policy);
      else await handOverWork(store, lookups, event, policy);
    },
  };
}
