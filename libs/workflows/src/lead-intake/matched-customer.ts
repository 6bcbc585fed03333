import { customerDecider, customerStreamId } from '@leadledger/customers';
import { EventStore, foldEvents } from '@leadledger/event-store';
import type { MatchedCustomer } from '@leadledger/leads';

/**
 * The customer as routing must see it for `leadId`. An owner this very lead produced (a
 * retry after a crash) is not an "existing owner": routing must reach the same decision
 * as the first run.
 */
export async function matchedCustomer(store: EventStore, customerId: string, leadId: string): Promise<MatchedCustomer> {
  const events = await store.readStream(customerStreamId(customerId));
  const state = foldEvents(customerDecider, events);
  const lastAssignment = events.filter((e) => e.type === 'OwnershipAssigned').at(-1);
  const ownedThroughThisLead = lastAssignment?.data.leadId === leadId;
  const owner = state.status === 'owned' && !ownedThroughThisLead ? state.owner : null;
  const isNew = state.status !== 'unregistered' && state.firstLeadId === leadId;
  return { customerId, isNew, ownerId: owner?.repId ?? null, protectedUntil: owner?.protectedUntil ?? null };
}
