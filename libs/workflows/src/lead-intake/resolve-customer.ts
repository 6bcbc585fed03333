import { type IdentityKey, identityKeyDecider, identityKeyStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { idFromSeed, isRefusal } from '@leadledger/kernel';

export type CustomerResolution =
  | { readonly kind: 'one'; readonly customerId: string }
  | { readonly kind: 'conflict'; readonly customerIds: readonly string[] };

/**
 * The customer that new keys make: a function of the lead's first key, so every lead that
 * races for the same new phone number names the same customer, and retries agree.
 */
export const newCustomerIdFor = (firstKey: IdentityKey): string =>
  idFromSeed(`customer-of-key:${firstKey.kind}:${firstKey.value}`);

/**
 * Finds the one customer a lead's keys belong to, reserving every key for it in the key's
 * own stream (the first reservation wins, so concurrent leads for a new number agree on
 * one customer). Keys held by two different customers are a conflict for review.
 */
export async function resolveCustomer(
  store: EventStore,
  leadId: string,
  keys: readonly IdentityKey[],
  context: CommandContext,
): Promise<CustomerResolution> {
  if (keys.length === 0) throw new RangeError(`Lead ${leadId} has no identity key`);
  for (let attempt = 0; ; attempt++) {
    const outcome = await reserveKeys(store, leadId, keys, context);
    // Lost the race for a key before holding any for a new customer: look again, and join the winner.
    if (outcome === 'lost-race' && attempt < 3) continue;
    if (outcome === 'lost-race') throw new Error(`Lead ${leadId}: identity keys kept changing hands`);
    return outcome;
  }
}

/** The customers that already hold any of these identity keys. */
export async function customersHolding(store: EventStore, keys: readonly IdentityKey[]): Promise<Set<string>> {
  const holders = new Set<string>();
  for (const key of keys) {
    const { state } = await loadState(store, identityKeyStreamId(key), identityKeyDecider);
    if (state.status === 'reserved') holders.add(state.customerId);
  }
  return holders;
}

async function reserveKeys(
  store: EventStore,
  leadId: string,
  keys: readonly IdentityKey[],
  context: CommandContext,
): Promise<CustomerResolution | 'lost-race'> {
  const holders = await customersHolding(store, keys);
  if (holders.size > 1) return { kind: 'conflict', customerIds: [...holders].sort() };
  const fresh = newCustomerIdFor(keys[0]);
  const candidate = [...holders][0] ?? fresh;
  let heldForFresh = holders.has(fresh);
  // Keys come in a fixed order (phone, e-mail, registration, company), so racing leads contend
  // for the same first key and the loser usually holds nothing yet.
  for (const key of keys) {
    const command = { kind: 'ReserveIdentityKey', key, customerId: candidate, leadId } as const;
    const result = await handleCommand(store, identityKeyStreamId(key), identityKeyDecider, command, context);
    if (!isRefusal(result)) {
      if (candidate === fresh) heldForFresh = true;
      continue;
    }
    const other = String(result.facts.customerId);
    if (other === candidate) continue;
    if (candidate === fresh && !heldForFresh) return 'lost-race';
    return { kind: 'conflict', customerIds: [candidate, other].sort() };
  }
  return { kind: 'one', customerId: candidate };
}
