import { randomUUID } from 'node:crypto';
import type { NewEvent, StoredEvent } from '../stored-event';
import type { EventStore } from '../event-store.port';

/** A stream-name prefix unique to one test, so a shared server's other events never interfere. */
export function uniquePrefix(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}-`;
}

export function anEvent(type: string, data: Record<string, string | number> = {}): NewEvent {
  return {
    type,
    data,
    metadata: {
      actorId: 'rep-1',
      actorRole: 'rep',
      reason: null,
      occurredAt: '2026-11-02T09:30:00.000Z',
      correlationId: 'corr-1',
      causationId: null,
      idempotencyKey: null,
      schemaVersion: 1,
    },
  };
}

export function events(count: number, type = 'Noted'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { n: i }));
}

/** Collects events from a subscription until `count` have arrived. */
export function collect(
  store: EventStore,
  options: Parameters<EventStore['subscribeToAll']>[0],
  count: number,
  onEach?: (event: StoredEvent, index: number) => Promise<void> | void,
): { received: StoredEvent[]; complete: Promise<StoredEvent[]>; stop: () => Promise<void> } {
  const received: StoredEvent[] = [];
  let finish!: (value: StoredEvent[]) => void;
  let fail!: (error: unknown) => void;
  const complete = new Promise<StoredEvent[]>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const subscription = store.subscribeToAll(options, async (event) => {
    received.push(event);
    await onEach?.(event, received.length - 1);
    if (received.length === count) finish([...received]);
  });
  subscription.done.catch(fail);
  return { received, complete, stop: () => subscription.stop() };
}
