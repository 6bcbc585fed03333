import { customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, loadState } from '@leadledger/event-store';
import { leadCustomerId, leadDecider, leadStreamId } from '@leadledger/leads';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import type { OwnershipTerms } from '@leadledger/workflows';
import { claimUnder, judgeAndCountClaim, sharedPoolPolicy } from '../customers/shared-pool-claims';

export interface LeadClaimInPool {
  readonly leadId: string;
  readonly repId: string;
  readonly at: string;
  readonly timeZone: string;
  readonly terms: OwnershipTerms;
  readonly defaultCoolDownDays: number;
}

const nothingToGiveBack = async (): Promise<void> => undefined;

/**
 * A lead whose customer sits in the shared pool (released, nobody owns it) brings the customer
 * with it when claimed, so the claim is judged by the shared pool's rules as a claim of the
 * customer is: the reclaim cool-down (409 before anything is written), then the holding cap and
 * the day's count on the rep's daily stream. Returns how to give the counted claim back if the
 * lead's own claim then loses. A lead of a customer never owned (its lead waited in a queue), or
 * one a colleague owns, is not the shared pool's: nothing is counted.
 */
export async function applySharedPoolRules(
  deps: { store: EventStore; readModels: ReadModelDatabase; projections: ProjectionRunner },
  claim: LeadClaimInPool,
  context: CommandContext,
): Promise<() => Promise<void>> {
  const { store } = deps;
  const lead = await loadState(store, leadStreamId(claim.leadId), leadDecider);
  const customerId = leadCustomerId(lead.state);
  if (customerId === null) return nothingToGiveBack;
  const { state: customer } = await loadState(store, customerStreamId(customerId), customerDecider);
  if (customer.status !== 'unowned' || customer.releasedAt.size === 0) return nothingToGiveBack;
  const policy = await sharedPoolPolicy(store, claim.defaultCoolDownDays);
  const command = claimUnder(policy, claim);
  return judgeAndCountClaim(deps, { customerId, command, state: customer, timeZone: claim.timeZone, policy }, context);
}
