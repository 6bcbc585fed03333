import type { EventStore, StoredEvent, Subscription } from '@leadledger/event-store';
import type { ProjectionFailure, ReadModelDatabase } from '@leadledger/projections';
import { EventEmitter } from 'node:events';

/** Reacts to events of some types by running commands; must be idempotent per event. */
export interface Reactor {
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: StoredEvent): Promise<void>;
}

export interface ReactorStatus {
  readonly name: string;
  readonly state: 'idle' | 'running' | 'failed' | 'stopped';
  readonly position: bigint;
  readonly failure: ProjectionFailure | null;
}

const VERSION = '1';

/**
 * Runs each reactor over the global log from its stored checkpoint (kept beside the
 * projections' checkpoints), moving the checkpoint only after the reaction completed. A
 * crash in between means the event is handled again on restart, which idempotent steps
 * make harmless: at-least-once delivery, exactly-once effect.
 */
export class ReactorRunner {
  private readonly subscriptions: Subscription[] = [];
  private readonly statuses = new Map<string, ReactorStatus>();
  private readonly progress = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: ReadModelDatabase,
    private readonly reactors: readonly Reactor[],
  ) {}

  start(): void {
    for (const reactor of this.reactors) {
      const key = `reactor:${reactor.name}`;
      const stored = this.checkpoints.checkpoint(key);
      let position = stored?.position ?? 0n;
      if (!stored) this.checkpoints.saveCheckpoint(key, VERSION, 0n);
      this.statuses.set(reactor.name, { name: reactor.name, state: 'running', position, failure: null });
      const subscription = this.store.subscribeToAll(
        { after: position, filter: { eventTypes: reactor.eventTypes } },
        async (event) => {
          try {
            await reactor.handle(event);
          } catch (error) {
            const failure = { eventId: event.id, position: event.position, error: String(error) };
            this.checkpoints.recordFailure(key, failure);
            this.statuses.set(reactor.name, { name: reactor.name, state: 'failed', position, failure });
            this.progress.emit('progress');
            throw error;
          }
          position = event.position;
          this.checkpoints.saveCheckpoint(key, VERSION, position);
          this.statuses.set(reactor.name, { name: reactor.name, state: 'running', position, failure: null });
          this.progress.emit('progress');
        },
      );
      subscription.done.catch(() => undefined);
      this.subscriptions.push(subscription);
    }
  }

  /** Resolves once every running reactor has handled the events of its types up to `position`. */
  async reached(position: bigint): Promise<void> {
    for (const reactor of this.reactors) {
      for (;;) {
        // Listen before looking, so progress made while we look is not missed.
        const progressed = new Promise((resolve) => this.progress.once('progress', resolve));
        const status = this.statuses.get(reactor.name);
        if (!status || status.state !== 'running') break;
        const filter = { eventTypes: reactor.eventTypes };
        const [next] = await this.store.readAll({ after: status.position, maxCount: 1, filter });
        if (!next || next.position > position) break;
        await progressed;
      }
    }
  }

  status(): ReactorStatus[] {
    return [...this.statuses.values()];
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.stop()));
    for (const [name, status] of this.statuses) {
      if (status.state === 'running') this.statuses.set(name, { ...status, state: 'stopped' });
    }
  }
}
