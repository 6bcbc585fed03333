import type { EventMetadata } from './stored-event';

/** Who acts, why and when: the part of every event's metadata that comes with the command. */
export interface CommandContext {
  readonly actorId: string;
  readonly actorRole: string;
  readonly reason?: string | null;
  /** When it happened in the business (ISO 8601). */
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly idempotencyKey?: string | null;
}

export const CURRENT_SCHEMA_VERSION = 1;

export function metadataFor(context: CommandContext): Omit<EventMetadata, 'recordedAt'> {
  return {
    actorId: context.actorId,
    actorRole: context.actorRole,
    reason: context.reason ?? null,
    occurredAt: context.occurredAt,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    idempotencyKey: context.idempotencyKey ?? null,
    schemaVersion: CURRENT_SCHEMA_VERSION,
  };
}
