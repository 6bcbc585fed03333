import { customerDecider, customerStreamId } from '@leadledger/customers';
import { EventStore, loadState } from '@leadledger/event-store';
import type { MatchedCustomer } from '@leadledger/leads';

/**
 * The customer as routing must see it for `leadId`. An owner this very lead produced (a
 * retry after a crash) is not an "existing owner": routing must reach the same decision
 * as the first run. The owner comes from the latest OwnershipAssigned, which records its lead.
 */
export async function matchedCustomer(store: EventStore, customerId: string, leadId: string): Promise<MatchedCustomer> {
  const { state } = await loadState(store, customerStreamId(customerId), customerDecider);
  const owner = state.status === 'owned' && state.owner.leadId !== leadId ? state.owner : null;
  const isNew = state.status !== 'unregistered' && state.firstLeadId === leadId;
  return { customerId, isNew, ownerId: owner?.repId ?? null, protectedUntil: owner?.protectedUntil ?? null };
}
