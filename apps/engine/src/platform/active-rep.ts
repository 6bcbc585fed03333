import { EventStore, loadState } from '@leadledger/event-store';
import { NotFoundError, refuse } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';
import { RefusalException } from '../http/refusal.exception';

/** The rep must exist (404) and not have departed (409): read from the rep's own stream, never stale. */
export async function requireActiveRep(store: EventStore, repId: string): Promise<void> {
  const { state } = await loadState(store, repStreamId(repId), repDecider);
  if (state.status === 'absent') throw new NotFoundError('rep', repId);
  if (state.status === 'departed') {
    throw new RefusalException(
      refuse('RepDeparted', 'This rep has departed', { repId, successorRepId: state.successorRepId }),
    );
  }
}

/**
 * A rep can be named for something only from the day they joined (their registration's
 * business time, `joinedAt`): a lead they received, a sale they closed, a customer given to
 * them, a departure, all dated before it, is 409 RepNotYetJoined. Nothing to check for a rep
 * nobody registered (the caller's own 400 or 404 says so).
 */
export async function refuseBeforeJoining(store: EventStore, repId: string, at: string): Promise<void> {
  const [registered] = await store.readStream(repStreamId(repId), { maxCount: 1 });
  if (!registered || Date.parse(at) >= Date.parse(registered.metadata.occurredAt)) return;
  throw new RefusalException(
    refuse('RepNotYetJoined', 'The rep had not joined yet at that time', {
      repId,
      joinedAt: registered.metadata.occurredAt,
      at,
    }),
  );
}
