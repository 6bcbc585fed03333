import { type Decider, idFromSeed, refuse } from '@leadledger/kernel';
import type { IdempotencyKeyEvent } from './idempotency-key.events';

export interface BindIdempotencyKey {
  readonly kind: 'BindIdempotencyKey';
  readonly scope: string;
  readonly resourceId: string;
}

export type IdempotencyKeyState = { readonly resourceId: string | null };

/** The stream of one key of one API key for one kind of resource (the key itself is never stored). */
export const idempotencyKeyStreamId = (scope: string, apiKeyId: string, key: string): string =>
  `idempotency-key-${idFromSeed(`${scope}:${apiKeyId}:${key}`)}`;

/** A key already used for another resource is refused, naming it; the same resource again changes nothing. */
export const idempotencyKeyDecider: Decider<BindIdempotencyKey, IdempotencyKeyState, IdempotencyKeyEvent> = {
  initialState: { resourceId: null },
  decide(command, state) {
    if (state.resourceId === command.resourceId) return [];
    if (state.resourceId !== null)
      return refuse('IdempotencyKeyReused', 'This Idempotency-Key was used for another request', {
        resourceId: state.resourceId,
      });
    return [{ type: 'IdempotencyKeyBound', data: { scope: command.scope, resourceId: command.resourceId } }];
  },
  evolve: (_state, event) => ({ resourceId: event.data.resourceId }),
};
