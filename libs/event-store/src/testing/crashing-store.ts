import { EventStore } from '../event-store.port';

/**
 * Fails the nth append as a crash of the engine would (nothing of it written), then behaves: for
 * crash tests of workflows. An append to several streams is one append, as it is one commit.
 */
export class CrashingStore extends EventStore {
  appends = 0;
  constructor(
    private readonly inner: EventStore,
    private readonly crashAt: number,
    /** False: behave as a store that appends one stream at a time (EventStoreDB), whatever the inner one can. */
    private readonly severalStreamsAtOnce = inner.appendsAtomically,
  ) {
    super();
  }
  appendToStream: EventStore['appendToStream'] = async (...args) => {
    if (++this.appends === this.crashAt) throw new Error(`simulated crash before append ${this.crashAt}`);
    return this.inner.appendToStream(...args);
  };
  override get appendsAtomically(): boolean {
    return this.severalStreamsAtOnce;
  }
  override async appendToStreams(...args: Parameters<EventStore['appendToStreams']>) {
    // One stream at a time goes through appendToStream: each stream's append is counted.
    if (!this.severalStreamsAtOnce) return super.appendToStreams(...args);
    if (++this.appends === this.crashAt) throw new Error(`simulated crash before append ${this.crashAt}`);
    return this.inner.appendToStreams(...args);
  }
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.inner.subscribeToAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();
}
