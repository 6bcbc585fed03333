import { assertNever } from '@leadledger/kernel';
import type { IdentityKey } from '../identity/identity-key';
import type { CustomerEvent } from './customer.events';

export interface CustomerOwner {
  readonly repId: string;
  readonly since: string;
  readonly protectedUntil: string;
  /** Whether the 流失预警 for the current protection window went out; a follow-up opens a new window. */
  readonly warned: boolean;
  /** The policy the ownership runs under, from its OwnershipAssigned. */
  readonly protectionDays: number;
  readonly warningDays: number;
  /** The lead through which this owner got the customer; null for a claim or a transfer. */
  readonly leadId: string | null;
}

interface RegisteredCustomer {
  readonly customerId: string;
  readonly keys: readonly IdentityKey[];
  readonly firstLeadId: string;
  /** Business time of the latest event; a customer's history never runs backwards. */
  readonly lastAt: string;
  /** Per rep, when a customer they owned was last released: for the reclaim cool-down. */
  readonly releasedAt: ReadonlyMap<string, string>;
}

export type CustomerState =
  | { readonly status: 'unregistered' }
  | ({ readonly status: 'unowned' } & RegisteredCustomer)
  | ({ readonly status: 'owned'; readonly owner: CustomerOwner } & RegisteredCustomer);

export const initialCustomerState: CustomerState = { status: 'unregistered' };

/** Folds one customer event; events before CustomerRegistered cannot occur and are ignored. */
export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  if (event.type === 'CustomerRegistered') {
    const { customerId, keys, firstLeadId, registeredAt } = event.data;
    return { status: 'unowned', customerId, keys, firstLeadId, lastAt: registeredAt, releasedAt: new Map() };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'CustomerIdentityKeyAdded':
      return { ...state, keys: [...state.keys, event.data.key] };
    case 'OwnershipAssigned': {
      const { repId, since, protectedUntil, protectionDays, warningDays, leadId } = event.data;
      const owner = { repId, since, protectedUntil, warned: false, protectionDays, warningDays, leadId };
      return { ...state, status: 'owned', owner, lastAt: since };
    }
    case 'FollowUpLogged':
      if (state.status !== 'owned') return state;
      return {
        ...state,
        owner: { ...state.owner, protectedUntil: event.data.protectedUntil, warned: false },
        lastAt: event.data.at,
      };
    case 'ProtectionWarningIssued': {
      if (state.status !== 'owned') return state;
      // A late warning moves the end (see the event); an earlier one repeats the end it warns of.
      const owner = { ...state.owner, protectedUntil: event.data.protectedUntil, warned: true };
      return { ...state, owner, lastAt: event.data.at };
    }
    case 'CustomerReleased': {
      const { repId, at } = event.data;
      const { customerId, keys, firstLeadId } = state;
      const releasedAt = new Map(state.releasedAt).set(repId, at);
      return { status: 'unowned', customerId, keys, firstLeadId, lastAt: at, releasedAt };
    }
    default:
      return assertNever(event);
  }
}
