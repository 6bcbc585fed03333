import { EventStore, loadState } from '@leadledger/event-store';
import { refuse } from '@leadledger/kernel';
import { type LeadChannel, RECEIVED_IN_PERSON, repDecider, repStreamId } from '@leadledger/leads';
import { poolDecider, poolStreamId } from '@leadledger/routing';
import { NotFoundException } from '@nestjs/common';
import { RefusalException } from '../http/refusal.exception';
import { badRequest } from '../http/validation';
import { refuseBeforeJoining } from '../platform/active-rep';

/** How far ahead of the engine's clock a lead's occurredAt may be (clock skew between systems), in ms. */
export const LEAD_FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface LeadRequestFacts {
  readonly channel: LeadChannel;
  readonly receivedBy: string | null;
  readonly poolId: string | null;
  readonly occurredAt?: string;
}

/**
 * Input mistakes a lead can be refused for before anything is written: a date ahead of now,
 * a lead no rule could route (no pool for a lead nobody received in person, a rep-sourced
 * lead without its rep), a receiver who is not a registered rep (400) or has left (409
 * RepDeparted), and a pool that does not exist (404 naming poolId). What only routing can
 * find (keys of two customers) still flags the lead for review.
 */
export async function checkLeadRequest(store: EventStore, lead: LeadRequestFacts, now: Date): Promise<void> {
  const { channel, receivedBy, poolId, occurredAt } = lead;
  if (occurredAt !== undefined && Date.parse(occurredAt) > now.getTime() + LEAD_FUTURE_TOLERANCE_MS) {
    throw badRequest([{ field: 'occurredAt', problem: 'occurredAt must not be more than 5 minutes in the future' }]);
  }
  if (channel === 'rep-sourced' && !receivedBy) {
    throw badRequest([{ field: 'receivedBy', problem: 'a rep-sourced lead names the rep who sourced it' }]);
  }
  const receiverRoutes = receivedBy !== null && (channel === 'rep-sourced' || RECEIVED_IN_PERSON.includes(channel));
  if (!receiverRoutes && !poolId) {
    throw badRequest([
      { field: 'poolId', problem: 'a lead that no rep received in person or sourced needs the pool that routes it' },
    ]);
  }
  if (receivedBy) {
    await requireReceiver(store, receivedBy);
    await refuseBeforeJoining(store, receivedBy, new Date(occurredAt ?? now).toISOString());
  }
  if (poolId) await checkPoolExists(store, poolId);
}

/** 404 naming poolId for a pool nobody created. */
export async function checkPoolExists(store: EventStore, poolId: string): Promise<void> {
  const { state } = await loadState(store, poolStreamId(poolId), poolDecider);
  if (state.status === 'absent') {
    throw new NotFoundException({
      statusCode: 404,
      error: 'Not Found',
      message: `pool ${poolId} was not found`,
      field: 'poolId',
    });
  }
}

/** The rep named as receiver exists (else 400 naming receivedBy) and has not left (else 409 RepDeparted). */
async function requireReceiver(store: EventStore, repId: string): Promise<void> {
  const { state } = await loadState(store, repStreamId(repId), repDecider);
  if (state.status === 'absent') {
    throw badRequest([{ field: 'receivedBy', problem: `no rep ${repId} is registered` }]);
  }
  if (state.status === 'departed') {
    throw new RefusalException(
      refuse('RepDeparted', 'This rep has departed', { repId, successorRepId: state.successorRepId }),
    );
  }
}
