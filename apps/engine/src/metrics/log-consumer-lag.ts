import type { EventStore } from '@leadledger/event-store';

export interface LogConsumer {
  readonly kind: 'projection' | 'reactor';
  readonly name: string;
  /** The last position it applied. */
  readonly position: bigint;
}

export interface LogConsumerLag {
  readonly kind: LogConsumer['kind'];
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
}

/**
 * Lag in events from the head, and in seconds from when the first event a consumer has not applied
 * was recorded: one point read per distinct position, so a scrape costs the same on any log.
 */
export async function lagOf(
  store: EventStore,
  consumers: readonly LogConsumer[],
  now: number,
): Promise<LogConsumerLag[]> {
  const head = await store.headPosition();
  const oldestUnapplied = new Map<bigint, number>();
  for (const position of new Set(consumers.map((c) => c.position))) {
    if (position >= head) continue;
    const [next] = await store.readAll({ after: position, maxCount: 1 });
    if (next) oldestUnapplied.set(position, Date.parse(next.metadata.recordedAt));
  }
  return consumers.map(({ kind, name, position }) => {
    const recordedAt = oldestUnapplied.get(position);
    return {
      kind,
      name,
      events: Number(head > position ? head - position : 0n),
      seconds: recordedAt === undefined ? 0 : Math.max(0, (now - recordedAt) / 1000),
    };
  });
}
