import { EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import {
  type PoolLeadAssigned,
  type PoolLeadQueued,
  type PoolQueuedLeadClaimed,
  poolDecider,
  poolStreamId,
} from '@leadledger/routing';
import { workflowContext } from '../lead-intake/intake-context';
import type { Reactor } from '../reactor-runner';
import { completeClaim } from './claim-lead';
import { completePoolAssignment } from './complete-pool-assignment';
import { type WorkflowPolicy, defaultTerms, poolSettings } from './ownership-terms';
import { queueRerouted, rerouteLead } from './reroute-lead';

export const LEAD_ROUTING = 'lead-routing';

/**
 * Everything that moves a lead after its intake, driven from the log so a crash between
 * two steps is completed on restart: re-routing after a decline or an expired SLA,
 * assignments the pool makes from its queue, the lead's half of a queued-lead claim, and
 * taking a disqualified lead off its pool's queue. The HTTP handlers run the same steps
 * inline so callers see the outcome; every step is idempotent, so running both is harmless.
 */
export function leadRoutingReactor(store: EventStore, policy: WorkflowPolicy): Reactor {
  return {
    name: LEAD_ROUTING,
    eventTypes: [
      'LeadDeclined',
      'LeadAcceptanceExpired',
      'PoolLeadAssigned',
      'PoolLeadQueued',
      'PoolQueuedLeadClaimed',
      'LeadDisqualified',
    ],
    async handle(event) {
      const context = workflowContext(event, LEAD_ROUTING);
      const at = event.metadata.occurredAt;
      const leadId = String(event.data.leadId);
      switch (event.type) {
        case 'LeadDeclined':
        case 'LeadAcceptanceExpired':
          return rerouteLead(store, leadId, at, policy.timeZone, context);
        case 'PoolLeadAssigned':
          return completePoolAssignment(store, event.data as unknown as PoolLeadAssigned['data'], at, context);
        case 'PoolLeadQueued': {
          const { poolId, trace } = event.data as unknown as PoolLeadQueued['data'];
          return queueRerouted(store, leadId, poolId, context, trace);
        }
        case 'PoolQueuedLeadClaimed': {
          const { poolId, repId } = event.data as unknown as PoolQueuedLeadClaimed['data'];
          const terms = (await poolSettings(store, poolId)) ?? defaultTerms(policy);
          await completeClaim(store, leadId, repId, at, terms, context);
          return;
        }
        case 'LeadDisqualified': {
          const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
          const poolId = state.status === 'absent' ? null : state.lead.poolId;
          if (!poolId) return;
          const command = { kind: 'WithdrawQueuedLead', poolId, leadId, reason: 'the lead was disqualified' } as const;
          await handleCommand(store, poolStreamId(poolId), poolDecider, command, context, { retriesOnConflict: 100 });
          return;
        }
        default:
          return;
      }
    },
  };
}
