import { assertNever } from '@leadledger/kernel';
import type { DisputeEvent, DisputeOpened, DisputeResolved } from './dispute.events';

interface Opened {
  readonly dispute: DisputeOpened['data'];
  /** Each recorded comment's text by its id (a plain object, so the state folds to JSON and back). */
  readonly commentTexts: Readonly<Record<string, string>>;
}

export type DisputeState =
  | { readonly status: 'absent' }
  | (Opened & { readonly status: 'open' })
  | (Opened & { readonly status: 'upheld' | 'rejected'; readonly resolution: DisputeResolved['data'] });

export type DisputeStatus = DisputeState['status'];
export const initialDisputeState: DisputeState = { status: 'absent' };

/**
 * Folds one dispute event; a resolved dispute is final, so nothing after DisputeResolved changes it.
 * The decider writes no second DisputeOpened or DisputeResolved and no comment once resolved, so the mutants
 * of the three guards below are equivalent on its streams.
 */
export function evolveDispute(state: DisputeState, event: DisputeEvent): DisputeState {
  switch (event.type) {
    case 'DisputeOpened':
      return state.status === 'absent' ? { status: 'open', dispute: event.data, commentTexts: {} } : state;
    case 'DisputeCommented':
      if (state.status !== 'open') return state;
      return { ...state, commentTexts: { ...state.commentTexts, [event.data.commentId]: event.data.text } };
    case 'DisputeResolved':
      if (state.status !== 'open') return state;
      return { ...state, status: event.data.outcome, resolution: event.data };
    default:
      return assertNever(event);
  }
}
