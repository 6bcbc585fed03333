import { EventStore, LiveFanOut, type StoredEvent } from '@leadledger/event-store';
import { WEBHOOK_SUBSCRIPTION_EVENT_TYPES, liveWebhookSubscriptionIds } from '@leadledger/feed';
import type { Clock } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ReadModelDatabase } from '@leadledger/projections';
import { ReadModelRecovery } from '../platform/read-model-recovery';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';
import { AsyncResource } from 'node:async_hooks';
import { once } from 'node:events';
import { SubscriptionWorker, type WorkerState } from './subscription-worker';
import { WebhookCheckpoints } from './webhook-checkpoints';
import { WebhookSecrets } from './webhook-secrets';

export interface WebhookSubscriptionHealth {
  readonly subscriptionId: string;
  readonly state: WorkerState;
  readonly position: string;
  /** Events in the log after the checkpoint (head minus checkpoint). */
  readonly lag: string;
  /** Seconds since the oldest event not yet passed was recorded; 0 when caught up. */
  readonly lagSeconds: number;
}

const SUBSCRIPTION_EVENT_TYPES = new Set<string>(WEBHOOK_SUBSCRIPTION_EVENT_TYPES);

/**
 * Runs one SubscriptionWorker per subscription. Which subscriptions exist comes from the
 * webhook-subscriptions read model at start and from the log as it grows (the LiveFanOut, fed by
 * the process's one log reader): a subscription event makes its worker re-read its stream, and
 * any new event wakes every worker, so nothing polls the store on a timer.
 */
@Injectable()
export class WebhookDeliveries implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly workers = new Map<string, SubscriptionWorker>();
  private stopListening: (() => void) | null = null;
  private readonly stopping = new AbortController();
  /** Changes to subscriptions are applied one at a time, in log order. */
  private changes: Promise<void> = Promise.resolve();
  /**
   * The context the service was made in, outside any request: a worker started for the request
   * that created its subscription would otherwise carry that request's id on every line it logs.
   */
  private readonly outsideRequests = new AsyncResource('WebhookDeliveries');

  constructor(
    private readonly store: EventStore,
    private readonly live: LiveFanOut,
    private readonly readModels: ReadModelDatabase,
    private readonly recovery: ReadModelRecovery,
    private readonly checkpoints: WebhookCheckpoints,
    private readonly secrets: WebhookSecrets,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.delivering) {
      this.logger.warn('Webhook delivery is off (LEADLEDGER_WEBHOOK_DELIVERY=off): no subscription is sent anything.');
      return;
    }
    this.stopListening = this.live.listen((batch) => this.onNewEvents(batch));
    // The read model may be rebuilding: what it lacks then reaches us through the fan-out. A stop
    // ends the wait (the rebuild itself is stopped only after this service's shutdown hook).
    this.enqueue(async () => {
      await Promise.race([this.recovery.whenRebuilt(), once(this.stopping.signal, 'abort')]);
      if (this.stopping.signal.aborted) return;
      for (const id of liveWebhookSubscriptionIds(this.readModels.connection)) await this.changed(id);
    });
  }

  /** Before the store and the read models close (their owners stop in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    this.stopListening?.();
    await this.changes;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
  }

  /** A subscription's stream changed (or a request just wrote to it): its worker follows. */
  subscriptionChanged(subscriptionId: string): Promise<void> {
    if (!this.config.webhooks.delivering) return Promise.resolve();
    return this.enqueue(() => this.changed(subscriptionId));
  }

  async health(): Promise<WebhookSubscriptionHealth[]> {
    const head = await this.store.headPosition();
    const now = this.clock.now().getTime();
    const answers: WebhookSubscriptionHealth[] = [];
    for (const worker of this.workers.values()) {
      const { state, position } = worker.status;
      const at = position ?? 0n;
      const [next] = head > at ? await this.store.readAll({ after: at, maxCount: 1 }) : [];
      const lagSeconds = next ? Math.max(0, Math.round((now - Date.parse(next.metadata.recordedAt)) / 1000)) : 0;
      answers.push({
        subscriptionId: worker.subscriptionId,
        state,
        position: at.toString(),
        lag: (head > at ? head - at : 0n).toString(),
        lagSeconds,
      });
    }
    return answers;
  }

  private onNewEvents(batch: readonly StoredEvent[]): void {
    const changed = new Set<string>();
    for (const event of batch)
      if (SUBSCRIPTION_EVENT_TYPES.has(event.type)) changed.add(String(event.data.subscriptionId));
    for (const id of changed) void this.subscriptionChanged(id);
    for (const worker of this.workers.values()) worker.poke();
  }

  private async changed(subscriptionId: string): Promise<void> {
    if (this.stopping.signal.aborted) return;
    let worker = this.workers.get(subscriptionId);
    const fresh = !worker;
    worker ??= new SubscriptionWorker(subscriptionId, {
      store: this.store,
      checkpoints: this.checkpoints,
      secrets: this.secrets,
      settings: this.config.webhooks,
      eventSource: this.config.eventSource,
      clock: this.clock,
      logger: this.logger,
    });
    await worker.refresh();
    if (worker.deleted) {
      this.workers.delete(subscriptionId);
      if (!fresh) await worker.stop();
      return;
    }
    if (fresh) {
      this.workers.set(subscriptionId, worker);
      this.outsideRequests.runInAsyncScope(() => worker.start());
    }
  }

  private enqueue(change: () => Promise<void>): Promise<void> {
    const next = this.changes.then(change).catch((error: unknown) => {
      this.logger.error(`Following a webhook subscription failed: ${String(error)}`);
    });
    this.changes = next;
    return next;
  }
}
