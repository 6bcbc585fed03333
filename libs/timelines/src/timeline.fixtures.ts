import type { StoredEvent } from '@leadledger/event-store';

/** A stored event for the timeline specs: what the store would hand back, with its business time and actor. */
export function stored(
  position: number,
  streamId: string,
  event: { readonly type: string; readonly data: object },
  occurredAt: string,
  actor: { readonly id: string; readonly role: string; readonly reason?: string } = { id: 'system', role: 'system' },
): StoredEvent {
  return {
    id: `event-${position}`,
    type: event.type,
    streamId,
    revision: 0n,
    position: BigInt(position),
    data: event.data as StoredEvent['data'],
    metadata: {
      actorId: actor.id,
      actorRole: actor.role,
      reason: actor.reason ?? null,
      occurredAt,
      recordedAt: occurredAt,
      correlationId: `correlation-${position}`,
      causationId: null,
      idempotencyKey: null,
      schemaVersion: 1,
    },
  };
}

export const NAMES = (repId: string): string => ({ 'rep-wang': 'Wang', 'rep-li': 'Li' })[repId] ?? repId;
