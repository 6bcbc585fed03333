import type { CommandContext, StoredEvent } from '@leadledger/event-store';

/** Steps the workflow takes on its own are by the system, caused by the lead's arrival. */
export function workflowContext(received: StoredEvent, workflow: string): CommandContext {
  return {
    actorId: `system:${workflow}`,
    actorRole: 'service',
    reason: null,
    occurredAt: received.metadata.occurredAt,
    correlationId: received.metadata.correlationId,
    causationId: received.id,
    idempotencyKey: null,
  };
}
