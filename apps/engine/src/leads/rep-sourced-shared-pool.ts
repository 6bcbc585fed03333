import type { CommandContext, EventStore } from '@leadledger/event-store';
import type { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { type ClaimThroughLead, claimThroughLead } from '../customers/shared-pool-claims';

/** A counted claim of a shared-pool customer: given back unless the lead brought the customer to its rep. */
export interface CountedSourcing {
  readonly customerId: string;
  giveBack(): Promise<void>;
}

/**
 * A lead that takes a customer in the shared pool for its rep on the rep's say-so (rep-sourced,
 * or a walk-in or call the rep records) is their claim of it (claimThroughLead). Null when its
 * keys name no such customer, or several (the lead then waits for review and takes nobody's).
 */
export async function countSourcingFromSharedPool(
  deps: { store: EventStore; readModels: ReadModelDatabase; projections: ProjectionRunner },
  holders: readonly string[],
  claim: ClaimThroughLead,
  context: CommandContext,
): Promise<CountedSourcing | null> {
  if (holders.length !== 1) return null;
  const [customerId] = holders;
  const giveBack = await claimThroughLead(deps, customerId, claim, context);
  return giveBack && { customerId, giveBack };
}
