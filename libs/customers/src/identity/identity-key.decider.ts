import { type Decider, type Decision, assertNever, refuse } from '@leadledger/kernel';
import type { IdentityKey } from './identity-key';
import type { IdentityKeyCommand, ReserveIdentityKey } from './identity-key.commands';
import type { IdentityKeyEvent } from './identity-key.events';

export type IdentityKeyState =
  { readonly status: 'free' } | { readonly status: 'reserved'; readonly key: IdentityKey; readonly customerId: string };

function reserve(command: ReserveIdentityKey, state: IdentityKeyState): Decision<IdentityKeyEvent> {
  if (state.status === 'reserved') {
    // A retry for the same customer already has what it asked for.
    if (state.customerId === command.customerId) return [];
    // Not an error for the caller: it attaches the lead to the customer named in the facts.
    return refuse('IdentityKeyTaken', 'This identity key already belongs to a customer', {
      customerId: state.customerId,
    });
  }
  const { key, customerId, leadId } = command;
  return [
    { type: 'IdentityKeyReserved', data: { kind: key.kind, value: key.value, customerId, reservedByLeadId: leadId } },
  ];
}

/**
 * The rules of one identity key: reserved once, for one customer, for good.
 * Equivalent mutants: an initial state without `status: 'free'` (only `'reserved'` is ever asked for), and the
 * state's `key` as `{}` (nothing reads it back; the event keeps the key).
 */
export const identityKeyDecider: Decider<IdentityKeyCommand, IdentityKeyState, IdentityKeyEvent> = {
  initialState: { status: 'free' },
  decide(command, state) {
    switch (command.kind) {
      case 'ReserveIdentityKey':
        return reserve(command, state);
      default:
        return assertNever(command.kind);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'IdentityKeyReserved': {
        const { kind, value, customerId } = event.data;
        return { status: 'reserved', key: { kind, value }, customerId };
      }
      default:
        return assertNever(event.type);
    }
  },
};
