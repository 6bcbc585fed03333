import { type Decider, type Decision, assertNever, refuse } from '@leadledger/kernel';
import type { Role } from '../roles';
import type { ApiKeyCommand, CreateApiKey, RevokeApiKey } from './api-key.commands';
import type { ApiKeyEvent } from './api-key.events';

export interface ApiKeyDetails {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly repId: string | null;
}

export type ApiKeyState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly key: ApiKeyDetails }
  | { readonly status: 'revoked'; readonly key: ApiKeyDetails };

function create(command: CreateApiKey, state: ApiKeyState): Decision<ApiKeyEvent> {
  if (state.status !== 'absent') {
    return refuse('ApiKeyExists', 'A key with this secret already exists', { keyId: state.key.keyId });
  }
  if (command.role === 'rep' && !command.repId) {
    return refuse('RepKeyNeedsRep', 'A rep key must name the rep it speaks for', { role: command.role });
  }
  if (command.name.trim() === '') return refuse('ApiKeyNeedsName', 'A key needs a name');
  const { keyId, name, role, repId, secretHash } = command;
  return [{ type: 'ApiKeyCreated', data: { keyId, name: name.trim(), role, repId, secretHash } }];
}

function revoke(command: RevokeApiKey, state: ApiKeyState): Decision<ApiKeyEvent> {
  if (state.status === 'absent') return refuse('ApiKeyUnknown', 'No such key', { keyId: command.keyId });
  if (state.status === 'revoked') {
    return refuse('ApiKeyAlreadyRevoked', 'The key is already revoked', { keyId: state.key.keyId });
  }
  return [{ type: 'ApiKeyRevoked', data: { keyId: state.key.keyId } }];
}

/**
 * The rules of one API key: created once, with a rep for a rep key; revoked once, for good.
 * Equivalent mutants: the active state's `status` as `""` (decide asks only for 'absent' and 'revoked'),
 * and the `state.status === 'absent'` guard of ApiKeyRevoked (a key is revoked only once created).
 */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyState, ApiKeyEvent> = {
  initialState: { status: 'absent' },
  decide(command, state) {
    switch (command.kind) {
      case 'CreateApiKey':
        return create(command, state);
      case 'RevokeApiKey':
        return revoke(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyCreated': {
        const { keyId, name, role, repId } = event.data;
        return { status: 'active', key: { keyId, name, role, repId } };
      }
      case 'ApiKeyRevoked':
        return state.status === 'absent' ? state : { status: 'revoked', key: state.key };
      default:
        return assertNever(event);
    }
  },
};
