import {
  EventStore,
  type Sleep,
  type StoredEvent,
  handleCommand,
  jitteredBackoff,
  loadState,
  timerSleep,
} from '@leadledger/event-store';
import {
  type PublishedEvent,
  type WebhookSubscriptionState,
  publishIfMatching,
  webhookSubscriptionDecider,
  webhookSubscriptionStreamId,
} from '@leadledger/feed';
import type { Clock } from '@leadledger/kernel';
import type { WebhookSettings } from '@leadledger/platform';
import type { Logger } from '@nestjs/common';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { FailedAttempts, WebhookCheckpoint, WebhookCheckpoints } from './webhook-checkpoints';
import type { WebhookSecrets } from './webhook-secrets';
import { postWebhook } from './webhook-sender';

export const WEBHOOK_DELIVERY_ACTOR = 'system:webhooks';
/** Events read from the log per step. */
const BATCH = 100;

export interface WorkerDependencies {
  readonly store: EventStore;
  readonly checkpoints: WebhookCheckpoints;
  readonly secrets: WebhookSecrets;
  readonly settings: WebhookSettings;
  readonly eventSource: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The wait between attempts at an event, ended early by `signal` (a change or a stop). Injected by tests. */
  readonly sleep?: Sleep;
  /** The backoff's jitter, 0 to 1 (default Math.random). Injected by tests. */
  readonly random?: () => number;
}

/** retrying: active, with the current event's attempts failing so far. */
export type WorkerState = 'active' | 'retrying' | 'paused' | 'failing';

/**
 * Delivers one subscription's events, in log order, one request at a time: reads the log after
 * its checkpoint, posts each matching event until a 2xx (backing off between attempts), and
 * commits the checkpoint with each 2xx. After `maxAttempts` failures at one event it marks the
 * subscription failing (an event) and waits. Woken by new events and by changes to its stream.
 * The failures so far at an event are read from the deliveries log, not kept in memory: a worker
 * started after a restart (or by another engine on the same files) continues their count, and
 * waits out the backoff from the last one's end.
 */
export class SubscriptionWorker {
  private state: WebhookSubscriptionState = webhookSubscriptionDecider.initialState;
  /** The stream's revision `state` was folded to; null before the first look. */
  private revision: bigint | 'no_stream' | null = null;
  /** Bumped by every change to the subscription's stream: a delivery in progress gives way. */
  private generation = 0;
  private stopped = false;
  private woken = false;
  private wake: (() => void) | null = null;
  /** Ends a backoff between attempts: only a change to the subscription or a stop does, never new events. */
  private endBackoff: (() => void) | null = null;
  private failingAttempts = 0;
  private checkpoint: WebhookCheckpoint | null = null;
  /** Kept-alive connections to the receiver, one socket: one request in flight at a time anyway. */
  private readonly agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
  private running: Promise<void> = Promise.resolve();

  constructor(
    readonly subscriptionId: string,
    private readonly deps: WorkerDependencies,
  ) {}

  get status(): { state: WorkerState; position: bigint | null } {
    const status = this.state.status;
    const state: WorkerState =
      status === 'active'
        ? this.failingAttempts > 0
          ? 'retrying'
          : 'active'
        : status === 'paused'
          ? 'paused'
          : 'failing';
    return { state, position: this.checkpoint?.position ?? null };
  }

  get deleted(): boolean {
    return this.state.status === 'deleted';
  }

  start(): void {
    this.running = this.run();
  }

  /**
   * Re-reads the subscription's stream and, if it changed, gives way to what it now says. The same
   * change is announced twice (by the request that wrote it, then by the log reader): the second
   * finds the revision already seen and must not restart the attempts at the current event.
   */
  async refresh(): Promise<void> {
    // Through the stream state cache: only the events since the last look are read.
    const { state, revision } = await loadState(
      this.deps.store,
      webhookSubscriptionStreamId(this.subscriptionId),
      webhookSubscriptionDecider,
    );
    if (revision === this.revision) return;
    this.state = state;
    this.revision = revision;
    this.generation++;
    if (this.state.status === 'deleted') this.deps.checkpoints.forget(this.subscriptionId);
    this.endBackoff?.();
    this.poke();
  }

  /** New events in the log: wakes an idle worker, not one waiting out the backoff between attempts. */
  poke(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endBackoff?.();
    this.poke();
    await this.running;
    this.agent.destroy();
    this.httpsAgent.destroy();
  }

  private async run(): Promise<void> {
    while (!this.stopped && !this.deleted) {
      try {
        if (!(await this.step())) await this.sleep(null);
      } catch (error) {
        // The log or the read-model file did not answer (being rebuilt, closing): try again soon.
        this.deps.logger.warn(`Webhook subscription ${this.subscriptionId}: ${String(error)}`);
        await this.sleep(this.deps.settings.backoffBaseMs);
      }
    }
  }

  /** One batch; false when there was nothing to do. */
  private async step(): Promise<boolean> {
    const state = this.state;
    if (state.status !== 'active') return false;
    const generation = this.generation;
    const checkpoint = this.startingPoint(state.subscription);
    const events = await this.deps.store.readAll({ after: checkpoint.position, maxCount: BATCH });
    if (events.length === 0) return false;
    let passed = checkpoint.position;
    for (const event of events) {
      if (this.stopped || generation !== this.generation) break;
      const published = publishIfMatching(event, this.deps.eventSource, state.subscription.filter);
      if (published !== null) {
        const delivered = await this.deliver(event, published, {
          position: event.position,
          replays: checkpoint.replays,
        });
        if (!delivered) return true;
      }
      passed = event.position;
    }
    if (passed !== this.checkpoint?.position) this.saveCheckpoint({ position: passed, replays: checkpoint.replays });
    return true;
  }

  /** The stored checkpoint, else where the stream vouches delivery had got to; a replay not yet applied moves it. */
  private startingPoint(subscription: { resumeFloor: string; replays: number; replayAfter: string | null }) {
    let checkpoint = this.checkpoint ?? this.deps.checkpoints.load(this.subscriptionId);
    checkpoint ??= { position: BigInt(subscription.resumeFloor), replays: subscription.replays };
    if (subscription.replays > checkpoint.replays && subscription.replayAfter !== null)
      checkpoint = { position: BigInt(subscription.replayAfter), replays: subscription.replays };
    if (checkpoint !== this.checkpoint) this.saveCheckpoint(checkpoint);
    return checkpoint;
  }

  private saveCheckpoint(checkpoint: WebhookCheckpoint): void {
    this.deps.checkpoints.save(this.subscriptionId, checkpoint);
    this.checkpoint = checkpoint;
  }

  /**
   * Attempts until a 2xx (true), or until it gives way or the subscription is marked failing (false).
   * Continues the failed attempts the deliveries log holds at this event under this revision of the
   * subscription: their count, and the backoff measured from the end of the last.
   */
  private async deliver(event: StoredEvent, published: PublishedEvent, after: WebhookCheckpoint): Promise<boolean> {
    const generation = this.generation;
    const revision = this.revision as bigint; // the state is active: the stream exists
    const body = JSON.stringify(published);
    const url = new URL((this.state as Extract<WebhookSubscriptionState, { status: 'active' }>).subscription.url);
    const { settings, checkpoints, clock } = this.deps;
    const backoff = jitteredBackoff({
      initialMs: settings.backoffBaseMs,
      maxMs: settings.backoffMaxMs,
      random: this.deps.random,
    });
    let failed: FailedAttempts | null = checkpoints.failedAttempts(this.subscriptionId, event.position, revision);
    for (;;) {
      this.failingAttempts = failed?.attempts ?? 0;
      if (failed !== null) {
        if (failed.attempts >= settings.maxAttempts) {
          await this.markFailed(event, failed);
          return false;
        }
        const since = Math.max(0, clock.now().getTime() - failed.lastEndedAt);
        await this.backOff(backoff.delayMs(failed.attempts) - since);
      }
      if (this.stopped || generation !== this.generation) return false;
      const attempt = (failed?.attempts ?? 0) + 1;
      const attemptedAt = clock.now();
      const outcome = await postWebhook({
        url,
        body,
        headers: this.headers(event.id, attemptedAt, body),
        timeoutMs: settings.attemptTimeoutMs,
        allowPrivate: settings.allowPrivate,
        agent: url.protocol === 'https:' ? this.httpsAgent : this.agent,
      });
      const delivered = outcome.error === null;
      checkpoints.record(
        {
          subscriptionId: this.subscriptionId,
          eventId: event.id,
          position: event.position,
          attempt,
          ...outcome,
          attemptedAt: attemptedAt.toISOString(),
        },
        revision,
        delivered ? after : null,
      );
      if (delivered) {
        this.checkpoint = after;
        this.failingAttempts = 0;
        return true;
      }
      failed = {
        attempts: attempt,
        lastEndedAt: attemptedAt.getTime() + outcome.latencyMs,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error ?? '',
      };
    }
  }

  /**
   * The wait before the next attempt at an event. New events do not end it: on a busy log they
   * arrive every few milliseconds, and would spend every attempt of a receiver's short outage
   * within a second and mark the subscription failing.
   */
  private async backOff(ms: number): Promise<void> {
    if (this.stopped || ms <= 0) return;
    const ended = new AbortController();
    this.endBackoff = () => ended.abort();
    try {
      await (this.deps.sleep ?? timerSleep)(ms, ended.signal);
    } finally {
      this.endBackoff = null;
    }
  }

  /** Standard Webhooks headers; during a rotation's grace period, a signature by each secret. */
  private headers(eventId: string, at: Date, body: string): Record<string, string> {
    const { subscription } = this.state as Extract<WebhookSubscriptionState, { status: 'active' }>;
    const versions = [subscription.secretVersion];
    const previous = subscription.previousSecret;
    if (previous && at.toISOString() < previous.validUntil) versions.push(previous.version);
    const signatures = versions.map((version) =>
      new Webhook(this.deps.secrets.secretFor(this.subscriptionId, version)).sign(eventId, at, body),
    );
    return {
      'content-type': 'application/json',
      'user-agent': 'leadledger-webhooks',
      'webhook-id': eventId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures.join(' '),
    };
  }

  private async markFailed(event: StoredEvent, { attempts, lastStatusCode, lastError }: FailedAttempts) {
    const now = this.deps.clock.now().toISOString();
    const command = {
      kind: 'MarkWebhookSubscriptionFailed',
      eventId: event.id,
      position: event.position.toString(),
      attempts,
      lastStatusCode,
      lastError,
    } as const;
    const context = {
      actorId: WEBHOOK_DELIVERY_ACTOR,
      actorRole: 'service',
      occurredAt: now,
      correlationId: `webhooks:${this.subscriptionId}:${event.id}`,
      causationId: event.id,
    };
    await handleCommand(
      this.deps.store,
      webhookSubscriptionStreamId(this.subscriptionId),
      webhookSubscriptionDecider,
      command,
      context,
    );
    this.failingAttempts = 0;
    this.deps.logger.warn(
      `Webhook subscription ${this.subscriptionId} failing after ${attempts} attempts: ${lastError}`,
    );
    // Its own event changed the stream: see it now rather than deliver on until the log reader brings it.
    await this.refresh();
  }

  /** Until poked (or, with a delay, until it runs out); returns at once if poked since the last sleep. */
  private sleep(ms: number | null): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        this.woken = false;
        resolve();
      };
      if (ms !== null) timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
