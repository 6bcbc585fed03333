import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import type { ReadStreamOptions } from './event-store.port';
import { COLD_FOLD_PAGE, loadState } from './load-state';
import { events, notebookDecider, tempDirectory } from './testing';

/** The real SQLite store, counting its stream reads and the events they return. */
class CountingStore extends SqliteEventStore {
  reads: (ReadStreamOptions | undefined)[] = [];
  eventsRead = 0;
  override async readStream(streamId: string, options?: ReadStreamOptions) {
    this.reads.push(options);
    const read = await super.readStream(streamId, options);
    this.eventsRead += read.length;
    return read;
  }
}

const STREAM = 'notebook-1';
const LENGTH = 2 * COLD_FOLD_PAGE + COLD_FOLD_PAGE / 2;

describe('loading a stream with no cached state and no snapshot', () => {
  const dir = tempDirectory('leadledger-cold-load');
  afterAll(() => dir.remove());
  let n = 0;

  async function longStream(): Promise<CountingStore> {
    const store = new CountingStore({ file: dir.file(`events-${++n}.sqlite`) });
    await store.appendToStream(STREAM, events(LENGTH), { expectedRevision: 'no_stream' });
    store.reads = [];
    store.eventsRead = 0;
    return store;
  }

  it('reads a long stream in pages and folds it to the state of its last event', async () => {
    const store = await longStream();
    const { state, revision } = await loadState(store, STREAM, notebookDecider);
    expect(state).toBe(LENGTH);
    expect(revision).toBe(BigInt(LENGTH - 1));
    expect(store.reads).toEqual([
      { fromRevision: 0n, maxCount: COLD_FOLD_PAGE },
      { fromRevision: BigInt(COLD_FOLD_PAGE), maxCount: COLD_FOLD_PAGE },
      { fromRevision: BigInt(2 * COLD_FOLD_PAGE), maxCount: COLD_FOLD_PAGE },
    ]);
    await store.close();
  });

  it('lets other work run between its pages', async () => {
    const store = await longStream();
    let otherWorkRan = false;
    const loading = loadState(store, STREAM, notebookDecider);
    setImmediate(() => (otherWorkRan = true));
    await loading;
    expect(otherWorkRan).toBe(true);
    await store.close();
  });

  it('folds the stream once however many ask for it at the same time, each getting its state', async () => {
    const store = await longStream();
    const loaded = await Promise.all(Array.from({ length: 5 }, () => loadState(store, STREAM, notebookDecider)));
    expect(loaded.map((l) => l.state)).toEqual(Array(5).fill(LENGTH));
    // One fold of the stream; the four who waited read only the (empty) tail after it.
    expect(store.eventsRead).toBe(LENGTH);
    await store.close();
  });
});
