import { type IdentityKey, customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, loadState } from '@leadledger/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { type OwnershipTerms, customersHolding } from '@leadledger/workflows';
import { claimUnder, judgeAndCountClaim, sharedPoolPolicy } from '../customers/shared-pool-claims';

export interface SourcedLeadInPool {
  readonly keys: readonly IdentityKey[];
  readonly repId: string;
  readonly at: string;
  readonly timeZone: string;
  readonly terms: OwnershipTerms;
  readonly defaultCoolDownDays: number;
}

/** A counted claim of a shared-pool customer: given back unless the lead brought the customer to its rep. */
export interface CountedSourcing {
  readonly customerId: string;
  giveBack(): Promise<void>;
}

/**
 * A rep-sourced lead for a customer in the shared pool (released, nobody owns it) takes the
 * customer for its rep, so it is judged and counted by the shared pool's rules as a claim of the
 * customer is: the reclaim cool-down, the holding cap and the day's limit (409 with the rule,
 * before the lead is written). Null when the keys name no such customer, or several (the lead
 * then waits for review and takes nobody's customer).
 */
export async function countSourcingFromSharedPool(
  deps: { store: EventStore; readModels: ReadModelDatabase; projections: ProjectionRunner },
  lead: SourcedLeadInPool,
  context: CommandContext,
): Promise<CountedSourcing | null> {
  const { store } = deps;
  const holders = [...(await customersHolding(store, lead.keys))];
  if (holders.length !== 1) return null;
  const [customerId] = holders;
  const { state } = await loadState(store, customerStreamId(customerId), customerDecider);
  if (state.status !== 'unowned' || state.releasedAt.size === 0) return null;
  const policy = await sharedPoolPolicy(store, lead.defaultCoolDownDays);
  const command = claimUnder(policy, { repId: lead.repId, at: lead.at, terms: lead.terms, now: true });
  const giveBack = await judgeAndCountClaim(
    deps,
    { customerId, command, state, timeZone: lead.timeZone, policy },
    context,
  );
  return { customerId, giveBack };
}
