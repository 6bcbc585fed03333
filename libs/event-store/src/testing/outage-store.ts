import { EventStoreUnavailableError } from '../event-store.errors';
import { EventStore, type Subscription } from '../event-store.port';
import { pollingSubscription } from '../polling-subscription';
import { timerSleep } from '../retry-backoff';

type Fallible = 'headPosition' | 'readAll';

/**
 * Another store as seen through a network that fails: chosen calls fail once each, and while
 * `down`, every subscription ends (or is refused) with EventStoreUnavailableError, as a server
 * restart or a dropped connection ends EventStoreDB's. For recovery tests of the readers.
 */
export class OutageStore extends EventStore {
  private readonly faults: Fallible[] = [];
  private readonly cuts = new Set<(error: Error) => void>();
  private isDown = false;

  constructor(private readonly inner: EventStore) {
    super();
  }

  /** The next call of each named method fails. */
  failNext(...calls: Fallible[]): void {
    this.faults.push(...calls);
  }

  /** Ends every live subscription and refuses new ones until `restore()`. */
  down(): void {
    this.isDown = true;
    for (const cut of this.cuts) cut(new EventStoreUnavailableError('simulated outage'));
    this.cuts.clear();
  }

  restore(): void {
    this.isDown = false;
  }

  private fault(call: Fallible): void {
    const index = this.faults.indexOf(call);
    if (index < 0) return;
    this.faults.splice(index, 1);
    throw new EventStoreUnavailableError(`simulated failure of ${call}`);
  }

  appendToStream: EventStore['appendToStream'] = (...args) => this.inner.appendToStream(...args);
  override get appendsAtomically(): boolean {
    return this.inner.appendsAtomically;
  }
  override appendToStreams: EventStore['appendToStreams'] = (...args) => this.inner.appendToStreams(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = async (...args) => {
    this.fault('readAll');
    return this.inner.readAll(...args);
  };
  headPosition: EventStore['headPosition'] = async () => {
    this.fault('headPosition');
    return this.inner.headPosition();
  };
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();

  subscribeToAll: EventStore['subscribeToAll'] = (options, handler) => {
    if (this.isDown) {
      const done = Promise.reject(new EventStoreUnavailableError('simulated outage'));
      done.catch(() => undefined);
      return { done, stop: async () => undefined };
    }
    // Catch-up and live by polling readAll, as the SQLite store does: a failing read fails it.
    const source = { readAll: this.readAll, waitForAppend: (signal: AbortSignal) => timerSleep(5, signal) };
    const inner = pollingSubscription(source, options, handler);
    let cut!: (error: Error) => void;
    const cutOff = new Promise<never>((_, reject) => (cut = reject));
    const entry = (error: Error) => {
      cut(error);
      void inner.stop();
    };
    this.cuts.add(entry);
    const done = Promise.race([inner.done, cutOff]);
    done.catch(() => undefined);
    const subscription: Subscription = {
      done,
      stop: async () => {
        this.cuts.delete(entry);
        await inner.stop();
      },
    };
    return subscription;
  };
}
