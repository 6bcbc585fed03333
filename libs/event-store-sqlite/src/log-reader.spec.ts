import { type LogConsumer, LogReader, type StoredEvent } from '@leadledger/event-store';
import { events, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from './sqlite-event-store';

/** Records what it is handed; takes only events after its own position, as a consumer must. */
class Recorder implements LogConsumer {
  readonly seen: bigint[] = [];
  readonly batches: number[] = [];
  private waiters: Array<() => void> = [];
  constructor(public position: bigint) {}
  handle(batch: readonly StoredEvent[]): void {
    this.batches.push(batch.length);
    for (const event of batch) {
      if (event.position <= this.position) continue;
      this.seen.push(event.position);
      this.position = event.position;
    }
    this.waiters.splice(0).forEach((wake) => wake());
  }
  async reached(position: bigint): Promise<void> {
    while (this.position < position) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

describe('LogReader on the SQLite store', () => {
  const dir = tempDirectory('leadledger-log-reader');
  afterAll(() => dir.remove());

  it('reads the log once for all consumers, from the lowest position, and hands each only what it has not seen', async () => {
    const store = new SqliteEventStore({ file: dir.file('events.sqlite'), pollIntervalMs: 5 });
    await store.appendToStream('s-1', events(10), { expectedRevision: 'no_stream' });
    const behind = new Recorder(2n);
    const ahead = new Recorder(7n);
    const reader = new LogReader(store, { batchSize: 4 });
    reader.start([behind, ahead]);
    await behind.reached(10n);
    await ahead.reached(10n);
    expect(behind.seen).toEqual(range(3, 10));
    expect(ahead.seen).toEqual(range(8, 10));
    expect(behind.batches).toEqual([4, 4]);

    await store.appendToStream('s-2', events(3), { expectedRevision: 'no_stream' });
    await behind.reached(13n);
    await ahead.reached(13n);
    expect(behind.seen).toEqual(range(3, 13));
    expect(ahead.seen).toEqual(range(8, 13));
    expect(reader.position).toBe(13n);
    await reader.stop();
    await store.close();
  });

  it('delivers events appended in one turn of the event loop as one batch', async () => {
    const store = new SqliteEventStore({ file: dir.file('batches.sqlite'), pollIntervalMs: 5 });
    const consumer = new Recorder(0n);
    const reader = new LogReader(store);
    reader.start([consumer]);
    // Five commands' appends in the same turn: one group commit, one read, one batch.
    await Promise.all(
      ['s-1', 's-2', 's-3', 's-4', 's-5'].map((streamId) =>
        store.appendToStream(streamId, events(1), { expectedRevision: 'no_stream' }),
      ),
    );
    await consumer.reached(5n);
    expect(consumer.batches).toEqual([5]);
    await reader.stop();
    await store.close();
  });

  it('reads nothing when no consumer wants anything', async () => {
    const store = new SqliteEventStore({ file: dir.file('none.sqlite') });
    const reader = new LogReader(store);
    reader.start([{ position: null, handle: () => undefined }]);
    expect(reader.position).toBe(0n);
    await reader.stop();
    await store.close();
  });

  it('once live, gathers the appends of its read gap into one batch, read at once when someone waits for the head', async () => {
    // A gap longer than the test's time limit: only the hurry can bring the later events.
    const store = new SqliteEventStore({ file: dir.file('gap.sqlite'), liveReadGapMs: 600_000 });
    await store.appendToStream('s-1', events(1), { expectedRevision: 'no_stream' });
    const consumer = new Recorder(0n);
    const reader = new LogReader(store);
    reader.start([consumer]);
    await consumer.reached(1n);
    for (let revision = 0n; revision < 3n; revision++) {
      await store.appendToStream('s-1', events(1), { expectedRevision: revision });
    }
    await new Promise((resolve) => setImmediate(resolve));
    store.hurryLiveReads();
    await consumer.reached(4n);
    // Three commits, one read.
    expect(consumer.batches.at(-1)).toBe(3);
    expect(consumer.seen).toEqual(range(1, 4));
    await reader.stop();
    await store.close();
  });

  it("reads another process's appends at once when someone waits for the head, however long it has been quiet", async () => {
    // A poll interval longer than the test's time limit: only the hurry can bring the event.
    const file = dir.file('other-process.sqlite');
    const store = new SqliteEventStore({ file, pollIntervalMs: 600_000 });
    const consumer = new Recorder(0n);
    const reader = new LogReader(store);
    reader.start([consumer]);
    // A second connection to the file stands for another engine: its commit wakes nobody here.
    const other = new SqliteEventStore({ file });
    await other.appendToStream('s-1', events(1), { expectedRevision: 'no_stream' });
    // Hurried as a waiting request would, again and again: one hurry may meet a read under way.
    const hurrying = setInterval(() => store.hurryLiveReads(), 20);
    await consumer.reached(1n);
    clearInterval(hurrying);
    expect(consumer.seen).toEqual([1n]);
    await reader.stop();
    await other.close();
    await store.close();
  });
});
