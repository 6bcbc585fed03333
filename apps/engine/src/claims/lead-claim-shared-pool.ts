import { type CommandContext, EventStore, loadState } from '@leadledger/event-store';
import { leadCustomerId, leadDecider, leadStreamId } from '@leadledger/leads';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { type ClaimThroughLead, claimThroughLead } from '../customers/shared-pool-claims';

const nothingToGiveBack = async (): Promise<void> => undefined;

/**
 * A lead whose customer sits in the shared pool brings the customer with it when claimed, so the
 * claim is judged by the shared pool's rules as a claim of the customer is (claimThroughLead).
 * Returns how to give the counted claim back if the lead's own claim then loses; a lead of a
 * customer never owned (its lead waited in a queue), or one a colleague owns, counts nothing.
 */
export async function applySharedPoolRules(
  deps: { store: EventStore; readModels: ReadModelDatabase; projections: ProjectionRunner },
  claim: ClaimThroughLead & { readonly leadId: string },
  context: CommandContext,
): Promise<() => Promise<void>> {
  const lead = await loadState(deps.store, leadStreamId(claim.leadId), leadDecider);
  const customerId = leadCustomerId(lead.state);
  if (customerId === null) return nothingToGiveBack;
  return (await claimThroughLead(deps, customerId, claim, context)) ?? nothingToGiveBack;
}
