import { EventStore, type StoredEvent, readAllInBatches } from '@leadledger/event-store';

/** One change a hand-over made: the event that records it, whoever wrote it (the request or the reactor). */
export interface HandOverChange {
  readonly id: string;
  readonly change: 'removed' | 'transferred' | 'released';
  readonly toRepId: string | null;
  readonly eventType: string;
  readonly position: string;
}

export interface HandOverRecord {
  readonly repId: string;
  readonly toRepId: string | null;
  readonly reason: string;
  readonly pools: readonly HandOverChange[];
  readonly customers: readonly HandOverChange[];
  readonly leads: readonly HandOverChange[];
}

const CHANGES: Record<string, { area: 'pools' | 'customers' | 'leads'; change: HandOverChange['change'] }> = {
  PoolMemberRemoved: { area: 'pools', change: 'removed' },
  OwnershipAssigned: { area: 'customers', change: 'transferred' },
  CustomerReleased: { area: 'customers', change: 'released' },
  LeadAssigned: { area: 'leads', change: 'transferred' },
  LeadReleased: { area: 'leads', change: 'released' },
};

const idOf = (event: StoredEvent): string => String(event.data.poolId ?? event.data.customerId ?? event.data.leadId);

/**
 * What a departure or hand-over changed, read back from the log: every event it caused
 * (causationId = the triggering event). The answer is the same whether the request or the
 * reactor made the change, and it is exactly what an auditor finds in the log.
 */
export async function handOverRecord(store: EventStore, trigger: StoredEvent): Promise<HandOverRecord> {
  const record = { pools: [] as HandOverChange[], customers: [] as HandOverChange[], leads: [] as HandOverChange[] };
  const filter = { eventTypes: Object.keys(CHANGES) };
  for await (const batch of readAllInBatches(store, { after: trigger.position, maxCount: 1000, filter })) {
    for (const event of batch) {
      if (event.metadata.causationId !== trigger.id) continue;
      const { area, change } = CHANGES[event.type];
      const toRepId = change === 'transferred' ? String(event.data.repId) : null;
      record[area].push({ id: idOf(event), change, toRepId, eventType: event.type, position: String(event.position) });
    }
  }
  const { repId, reason } = trigger.data as { repId: string; reason: string };
  const toRepId = (trigger.data.successorRepId ?? trigger.data.toRepId ?? null) as string | null;
  return { repId, toRepId, reason, ...record };
}
