import { type EventStore, loadState } from '@leadledger/event-store';
import { type Refusal, refuse } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';

/**
 * A rep another stream's command names (a sale's closing rep, a ledger payee) must be
 * registered (POST /reps), read from the rep's own stream; else `RepNotRegistered`, which the
 * edge answers as a 400 naming its field, as it does for a lead's `receivedBy`. A departed
 * rep is still registered: their sales and ledger lines keep arriving after they leave.
 * Reps are never removed, so nothing can unregister the rep between this read and the append.
 */
export async function refuseUnregisteredRep(store: EventStore, repId: string): Promise<Refusal | null> {
  const { state } = await loadState(store, repStreamId(repId), repDecider);
  return state.status === 'absent' ? refuse('RepNotRegistered', `no rep ${repId} is registered`, { repId }) : null;
}
