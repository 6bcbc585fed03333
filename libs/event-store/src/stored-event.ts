/** JSON values as they are stored in an event's data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it, why, when, and which request it belongs to (brief, rule 5). */
export interface EventMetadata {
  readonly actorId: string;
  readonly actorRole: string;
  /** Why a person decided this; null where no person decided. */
  readonly reason: string | null;
  /** When it happened in the business (ISO 8601). */
  readonly occurredAt: string;
  /** When the store recorded it (ISO 8601); set by the store at append. */
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  readonly schemaVersion: number;
}

/** What a writer hands to the store: the store adds revision, position and recordedAt. */
export interface NewEvent {
  /** A uuid; the store makes one when absent. Kept as is by import. */
  readonly id?: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: Omit<EventMetadata, 'recordedAt'> & { readonly recordedAt?: string };
}

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  /** 0 for a stream's first event. */
  readonly revision: bigint;
  /** Position in the global log; 1 for the first event ever; strictly increasing in commit order. */
  readonly position: bigint;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  /**
   * Tamper evidence: eventHash(this event, the hash of the event before it in the global log),
   * set by a store that keeps a hash chain (SQLite), in the transaction of the append. Absent on
   * a store that keeps none (EventStoreDB) and on events recorded before the store kept one.
   */
  readonly hash?: string;
}

/** Position before the first event: reading "after" it reads the whole log. */
export const START_OF_LOG = 0n;
