import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { events, tempDirectory } from './testing';
import { LiveFanOut } from './live-fan-out';
import { LogReader } from './log-reader';
import type { StoredEvent } from './stored-event';

describe('LiveFanOut behind the one log reader', () => {
  const dir = tempDirectory('leadledger-live-fan-out');
  afterAll(() => dir.remove());

  it('passes each new event once, in commit order, to every listener, without deciding where reading starts', async () => {
    const store = new SqliteEventStore({ file: dir.file('events.sqlite'), pollIntervalMs: 5 });
    await store.appendToStream('s-1', events(3), { expectedRevision: 'no_stream' });
    const fanOut = new LiveFanOut();
    const first: bigint[] = [];
    const second: bigint[] = [];
    const stopFirst = fanOut.listen((batch: readonly StoredEvent[]) => first.push(...batch.map((e) => e.position)));
    fanOut.listen((batch: readonly StoredEvent[]) => second.push(...batch.map((e) => e.position)));
    // A consumer at position 1: the reader starts there, the fan-out passes on 2 and 3.
    const behind = { position: 1n as bigint | null, handle: () => undefined };
    const reader = new LogReader(store);
    reader.start([behind, fanOut]);
    await store.appendToStream('s-1', events(2), { expectedRevision: 2n });
    while (fanOut.lastPosition < 5n) await new Promise((resolve) => setTimeout(resolve, 5));
    stopFirst();
    await store.appendToStream('s-1', events(1), { expectedRevision: 4n });
    while (fanOut.lastPosition < 6n) await new Promise((resolve) => setTimeout(resolve, 5));
    await reader.stop();
    await store.close();
    expect(first).toEqual([2n, 3n, 4n, 5n]);
    expect(second).toEqual([2n, 3n, 4n, 5n, 6n]);
  });
});
