import { type EventStore, WrongExpectedRevisionError } from '@leadledger/event-store';

/** Counts per kind of stream (the id's prefix: pool, lead, customer, identity, …). */
export interface StoreTraffic {
  readonly streamReads: Readonly<Record<string, number>>;
  readonly eventsRead: Readonly<Record<string, number>>;
  readonly appends: Readonly<Record<string, number>>;
  /** Appends refused with WrongExpectedRevisionError: a lost race, after which handleCommand re-reads and retries. */
  readonly lostRaces: Readonly<Record<string, number>>;
}

const kindOf = (streamId: string): string => streamId.split('-')[0];

function add(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/**
 * Counts what the engine asks of its store, by wrapping readStream and appendToStream on the
 * one instance every handler, reactor and projection shares. A map increment per call: noise
 * next to a SQLite read. Explains the figures; changes nothing the engine does.
 */
export function countStoreTraffic(store: EventStore): { snapshot(): StoreTraffic } {
  const streamReads: Record<string, number> = {};
  const eventsRead: Record<string, number> = {};
  const appends: Record<string, number> = {};
  const lostRaces: Record<string, number> = {};
  const readStream = store.readStream.bind(store);
  const appendToStream = store.appendToStream.bind(store);
  store.readStream = async (streamId, options) => {
    const events = await readStream(streamId, options);
    add(streamReads, kindOf(streamId));
    add(eventsRead, kindOf(streamId), events.length);
    return events;
  };
  store.appendToStream = async (streamId, events, options) => {
    try {
      const result = await appendToStream(streamId, events, options);
      add(appends, kindOf(streamId));
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) add(lostRaces, kindOf(streamId));
      throw error;
    }
  };
  const copy = (counts: Record<string, number>) => ({ ...counts });
  return {
    snapshot: () => ({
      streamReads: copy(streamReads),
      eventsRead: copy(eventsRead),
      appends: copy(appends),
      lostRaces: copy(lostRaces),
    }),
  };
}

/** What happened between two snapshots, divided by `per` (e.g. the leads of a phase). */
export function trafficPer(before: StoreTraffic, after: StoreTraffic, per: number): StoreTraffic {
  const delta = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    Object.fromEntries(
      Object.keys(b)
        .sort()
        .map((key) => [key, Math.round(((b[key] - (a[key] ?? 0)) / Math.max(per, 1)) * 100) / 100])
        .filter(([, n]) => n !== 0),
    );
  return {
    streamReads: delta(before.streamReads, after.streamReads),
    eventsRead: delta(before.eventsRead, after.eventsRead),
    appends: delta(before.appends, after.appends),
    lostRaces: delta(before.lostRaces, after.lostRaces),
  };
}
