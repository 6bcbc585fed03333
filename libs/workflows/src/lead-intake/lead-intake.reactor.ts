import type { EventStore } from '@leadledger/event-store';
import type { Reactor } from '../reactor-runner';
import type { WorkflowPolicy } from '../lead-routing/ownership-terms';
import { processReceivedLead } from './lead-intake.workflow';

/** Runs the intake for every received lead, so one interrupted by a crash completes on restart. */
export function leadIntakeReactor(store: EventStore, policy: WorkflowPolicy): Reactor {
  return {
    name: 'lead-intake',
    eventTypes: ['LeadReceived'],
    handle: (event) => processReceivedLead(store, String(event.data.leadId), policy),
  };
}
