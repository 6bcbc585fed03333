import type { CustomerEvent, CustomerState, OwnershipVia, ReleaseReason } from '@leadledger/customers';
import { assertNever } from '@leadledger/kernel';
import type { RepNames } from './timeline-entry';

const VIA: Record<OwnershipVia, string> = {
  'existing-customer': 'as the customer’s existing owner',
  'received-walk-in': 'by receiving them in person',
  'rep-sourced': 'by bringing the customer in',
  'pool-rotation': 'from the pool’s rotation',
  claim: 'by claiming them from the shared pool',
  transfer: 'by a transfer',
  'departure-hand-off': 'by a departing colleague’s hand-off',
  'manager-routing': 'by a manager’s routing',
};

const RELEASE: Record<ReleaseReason, string> = {
  'protection-expired': 'protection ran out with no follow-up',
  'owner-released': 'the owner let the customer go',
  departure: 'the owner left the company',
};

/** Who owned the customer just before, in words: "nobody owned the customer" or "li owned the customer". */
export function ownerClause(before: CustomerState, name: RepNames): string {
  return before.status === 'owned' ? `${name(before.owner.repId)} owned the customer` : 'nobody owned the customer';
}

/** One customer event in a sentence a manager can read; `before` is the customer just before it. */
export function describeCustomerEvent(event: CustomerEvent, before: CustomerState, name: RepNames): string {
  switch (event.type) {
    case 'CustomerRegistered': {
      const finder = event.data.finderRepId;
      const keys = event.data.keys.map((k) => k.kind).join(' and ');
      return (
        `The customer was registered from a ${event.data.firstLeadChannel} lead with a new ${keys}` +
        (finder ? `, received by ${name(finder)}` : '')
      );
    }
    case 'CustomerIdentityKeyAdded':
      return `A later lead added the customer’s ${event.data.key.kind} ${event.data.key.value}`;
    case 'OwnershipAssigned': {
      const { repId, via, protectedUntil } = event.data;
      // A claim of a customer still owned (its protection had ended) is not a claim from the shared pool.
      const how =
        via === 'claim' && before.status === 'owned' ? 'by claiming them once protection had ended' : VIA[via];
      return `${name(repId)} became the owner ${how}; ${ownerClause(before, name)}; protected until ${protectedUntil}`;
    }
    case 'FollowUpLogged':
      return `${name(event.data.repId)} followed up (${event.data.kind}); protection now runs until ${event.data.protectedUntil}`;
    case 'ProtectionWarningIssued': {
      const { repId, protectedUntil, extendedFrom } = event.data;
      if (extendedFrom !== undefined) {
        return `${name(repId)} was warned late, so protection, due to end at ${extendedFrom}, now runs until ${protectedUntil} without a follow-up`;
      }
      return `${name(repId)} was warned that protection ends at ${protectedUntil} without a follow-up`;
    }
    case 'CustomerReleased':
      return `The customer went to the shared pool from ${name(event.data.repId)}: ${RELEASE[event.data.reason]}`;
    default:
      return assertNever(event);
  }
}
