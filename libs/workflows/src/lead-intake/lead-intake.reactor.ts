import type { EventStore } from '@leadledger/event-store';
import type { Reactor } from '../reactor-runner';
import type { WorkflowPolicy } from '../lead-routing/ownership-terms';
import { IntakesInFlight } from './intakes-in-flight';
import { processReceivedLead } from './lead-intake.workflow';

/**
 * Completes the intake of every received lead that its request did not complete (the
 * engine crashed in between): it waits for an intake of the same lead running in this
 * process, then finds the lead done and writes nothing.
 */
export function leadIntakeReactor(
  store: EventStore,
  policy: WorkflowPolicy,
  intakes: IntakesInFlight = new IntakesInFlight(),
): Reactor {
  return {
    name: 'lead-intake',
    eventTypes: ['LeadReceived'],
    handle: (event) => {
      const leadId = String(event.data.leadId);
      return intakes.run(leadId, () => processReceivedLead(store, leadId, policy));
    },
  };
}
