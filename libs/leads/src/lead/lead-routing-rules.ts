import { type Refusal, refuse } from '@leadledger/kernel';
import type { LeadChannel } from './lead-channel';
import { RECEIVED_IN_PERSON } from './lead-channel';

/** What routing needs to know about the customer the lead was matched to. */
export interface MatchedCustomer {
  readonly customerId: string;
  readonly isNew: boolean;
  /** The active owner, if any (an owner whose protection ran out has been released). */
  readonly ownerId: string | null;
  readonly protectedUntil: string | null;
}

export interface RoutingInput {
  readonly channel: LeadChannel;
  /** The rep who physically received a walk-in or took the call, or who sourced the lead. */
  readonly receivedBy: string | null;
  readonly poolId: string | null;
  readonly customer: MatchedCustomer;
}

export type RoutingRule = 'existing-customer' | 'received-walk-in' | 'rep-sourced' | 'pool-rotation';

export type Route =
  | { readonly rule: 'existing-customer' | 'received-walk-in' | 'rep-sourced'; readonly repId: string }
  | { readonly rule: 'pool-rotation'; readonly poolId: string };

/**
 * Issue 3, routing in this order:
 *  a. existing customer with an active owner -> the owner;
 *  b. a lead received in person (walk-in, call) for a customer nobody owns -> the receiver;
 *  c. rep-sourced -> the sourcing rep, unless the customer is owned: refused, naming the owner;
 *  d. otherwise -> the pool's rotation.
 */
export function routeLead(input: RoutingInput): Route | Refusal {
  const { channel, receivedBy, poolId, customer } = input;
  if (channel === 'rep-sourced') {
    if (!receivedBy) return refuse('SourcingRepRequired', 'A rep-sourced lead must name the rep who sourced it');
    if (customer.ownerId && customer.ownerId !== receivedBy) {
      return refuse('CustomerOwnedByColleague', 'The customer is already owned by a colleague', {
        customerId: customer.customerId,
        ownerId: customer.ownerId,
        protectedUntil: customer.protectedUntil,
      });
    }
    return { rule: 'rep-sourced', repId: receivedBy };
  }
  if (customer.ownerId) return { rule: 'existing-customer', repId: customer.ownerId };
  if (receivedBy && RECEIVED_IN_PERSON.includes(channel)) return { rule: 'received-walk-in', repId: receivedBy };
  if (poolId) return { rule: 'pool-rotation', poolId };
  return refuse('NoRouteForLead', 'Nobody owns the customer, no rep received the lead and no pool was named', {
    customerId: customer.customerId,
  });
}
