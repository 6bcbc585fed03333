import {
  type IdentityKey,
  customerDecider,
  customerStreamId,
  identityKeyDecider,
  identityKeyStreamId,
} from '@leadledger/customers';
import { type CommandContext, EventStore, handleOnStreamsAtOnce, onStream } from '@leadledger/event-store';
import { type LeadOfCustomer, customerRegistration, keyAdditions } from './lead-of-customer';
import { customersHolding, newCustomerIdFor } from './resolve-customer';

/**
 * The lead's identity keys reserved for its customer and the customer registered (or given the
 * keys it lacks) in ONE append, where the store writes several streams at once: one commit
 * where the key-by-key path paid one per key and one for the customer. The customer is the one
 * that holds the keys already, else the new one the first key names, as resolveCustomer
 * decides. Returns it, or null with nothing written when the steps must go one at a time: keys
 * held by two customers (a review), a key taken or a customer registered meanwhile, a store
 * that appends one stream at a time.
 */
export async function reserveAndRegisterAtOnce(
  store: EventStore,
  { leadId, lead, at }: Omit<LeadOfCustomer, 'customerId'>,
  context: CommandContext,
): Promise<string | null> {
  const keys = lead.identityKeys as readonly IdentityKey[];
  if (!store.appendsAtomically || keys.length === 0) return null;
  const holders = await customersHolding(store, keys);
  if (holders.size > 1) return null;
  const holder = [...holders][0];
  const ofLead: LeadOfCustomer = { leadId, lead, customerId: holder ?? newCustomerIdFor(keys[0]), at };
  const { customerId } = ofLead;
  const reservations = keys.map((key) =>
    onStream(identityKeyStreamId(key), identityKeyDecider, { kind: 'ReserveIdentityKey', key, customerId, leadId }),
  );
  const customer = holder ? keyAdditions(ofLead) : [customerRegistration(ofLead), ...keyAdditions(ofLead)];
  const steps = [...reservations, onStream(customerStreamId(customerId), customerDecider, ...customer)];
  return (await handleOnStreamsAtOnce(store, steps, context)) ? customerId : null;
}
