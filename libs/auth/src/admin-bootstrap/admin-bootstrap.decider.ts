import { type Decider, refuse } from '@leadledger/kernel';
import type { AdminBootstrapEvent, AdminKeyBootstrapped } from './admin-bootstrap.events';

export interface BootstrapAdminKey {
  readonly kind: 'BootstrapAdminKey';
  readonly keyId: string;
  readonly secretHash: string;
}

/** The key the log's first start chose, if any. */
export type AdminBootstrapState = { readonly bootstrapped: AdminKeyBootstrapped['data'] | null };

/** The first admin key of a log is chosen once: a second engine asking is refused with the first one's key id. */
export const adminBootstrapDecider: Decider<BootstrapAdminKey, AdminBootstrapState, AdminBootstrapEvent> = {
  // `{}` for the initial state is an equivalent mutant: a missing `bootstrapped` is as falsy as null.
  initialState: { bootstrapped: null },
  decide(command, state) {
    if (state.bootstrapped)
      return refuse('AdminKeyAlreadyBootstrapped', 'The first admin key of this log was already made', {
        keyId: state.bootstrapped.keyId,
      });
    return [{ type: 'AdminKeyBootstrapped', data: { keyId: command.keyId, secretHash: command.secretHash } }];
  },
  evolve: (_state, event) => ({ bootstrapped: event.data }),
};
