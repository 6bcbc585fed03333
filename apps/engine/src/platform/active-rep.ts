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
