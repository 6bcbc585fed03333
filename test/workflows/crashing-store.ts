import { EventStore } from '@leadledger/event-store';

/** Fails the nth append with a simulated crash, then behaves. */
export class CrashingStore extends EventStore {
  appends = 0;
  constructor(
    private readonly inner: EventStore,
    private readonly crashAt: number,
  ) {
    super();
  }
  appendToStream: EventStore['appendToStream'] = async (...args) => {
    if (++this.appends === this.crashAt) throw new Error(`simulated crash before append ${this.crashAt}`);
    return this.inner.appendToStream(...args);
  };
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.inner.subscribeToAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();
}

/** Everything the log holds, without ids, positions and record times: what a user would see. */
export const logOf = async (store: EventStore): Promise<string[]> =>
  (await store.readAll({ maxCount: 10_000 })).map(
    (e) => `${e.streamId}#${e.revision} ${e.type} ${JSON.stringify(e.data)}`,
  );
