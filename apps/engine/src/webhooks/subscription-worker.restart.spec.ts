import { type Sleep, handleCommand, loadState } from '@leadledger/event-store';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { webhookSubscriptionDecider, webhookSubscriptionStreamId } from '@leadledger/feed';
import { loadConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { Logger } from '@nestjs/common';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubscriptionWorker } from './subscription-worker';
import { WebhookCheckpoints } from './webhook-checkpoints';
import { WebhookSecrets } from './webhook-secrets';

/** One engine's run on the data directory's files: its store, read models and the subscription's worker. */
interface Run {
  readonly worker: SubscriptionWorker;
  readonly store: SqliteEventStore;
  readonly checkpoints: WebhookCheckpoints;
  /** Stops the worker, then closes the files, as a SIGTERM does. */
  stop(): Promise<void>;
}

const BASE_MS = 1000;
const admin = {
  actorId: 'key:admin',
  actorRole: 'admin',
  occurredAt: '2026-11-30T09:00:00.000Z',
  correlationId: 'c-1',
};

describe('a webhook subscription worker started again on the same files (an engine restart)', () => {
  const dir = tempDirectory('leadledger-webhook-restart');
  let receiver: Server;
  let url: string;
  let status = 500;
  let requests = 0;
  /** The fake clock: moved only by the waits between attempts and by the test. */
  let now = Date.parse('2026-11-30T10:00:00.000Z');

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      requests += 1;
      response.writeHead(status).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    dir.remove();
  });
  beforeEach(() => {
    status = 500;
    requests = 0;
  });

  /** A wait that takes no time: it moves the fake clock by `ms` and is recorded. */
  const passing =
    (waits: number[]): Sleep =>
    (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    };
  /** Passes the first `n` waits; the next lasts until the worker ends it (a stop). */
  const passingThenHeld =
    (waits: number[], n: number): Sleep =>
    (ms, signal) => {
      if (waits.length < n) return passing(waits)(ms);
      waits.push(ms);
      return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    };

  function startRun(name: string, maxAttempts: number, sleep: Sleep): Run {
    const config = loadConfig({
      LEADLEDGER_DATA_DIR: dir.path,
      LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: String(maxAttempts),
      LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: String(BASE_MS),
      LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS: '60000',
    });
    const store = new SqliteEventStore({ file: dir.file(`${name}.sqlite`) });
    const readModels = new ReadModelDatabase(dir.file(`${name}-read.sqlite`));
    const checkpoints = new WebhookCheckpoints(readModels);
    const worker = new SubscriptionWorker(`sub-${name}`, {
      store,
      checkpoints,
      secrets: new WebhookSecrets(config),
      settings: config.webhooks,
      eventSource: config.eventSource,
      clock: { now: () => new Date(now) },
      logger: new Logger('webhook-restart-spec'),
      sleep,
      random: () => 1, // no jitter: each wait is the whole step, base·2^(n−1)
    });
    const stop = async () => {
      await worker.stop();
      readModels.close();
      await store.close();
    };
    return { worker, store, checkpoints, stop };
  }

  /** A subscription to rep registrations and one RepRegistered for it, written by a first run. */
  async function subscribeAndRegister(run: Run, name: string): Promise<void> {
    const subscriptionId = `sub-${name}`;
    await handleCommand(
      run.store,
      webhookSubscriptionStreamId(subscriptionId),
      webhookSubscriptionDecider,
      {
        kind: 'CreateWebhookSubscription',
        subscriptionId,
        url,
        filter: { types: ['leadledger.rep.registered.v1'], streams: [] },
        description: '',
        startAfter: '0',
      },
      admin,
    );
    await run.store.appendToStream('rep-r1', [anEvent('RepRegistered', { repId: 'r1' })], {
      expectedRevision: 'no_stream',
    });
  }

  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const oldestFirst = (run: Run, name: string) => run.checkpoints.deliveries(`sub-${name}`, 100).reverse();
  const streamState = async (run: Run, name: string) =>
    (await loadState(run.store, webhookSubscriptionStreamId(`sub-${name}`), webhookSubscriptionDecider)).state;

  it('continues the count of failed attempts, waits the backoff from the last attempt, and fails at the max', async () => {
    const firstWaits: number[] = [];
    const first = startRun('continues', 5, passingThenHeld(firstWaits, 2));
    await subscribeAndRegister(first, 'continues');
    await first.worker.refresh();
    first.worker.start();
    await until(() => firstWaits.length === 3); // three attempts failed; waiting 4 s before the fourth
    expect(firstWaits).toEqual([1000, 2000, 4000]);
    now += 1500; // the engine stops, and starts again 1.5 s after the third attempt
    await first.stop();

    const waits: number[] = [];
    const second = startRun('continues', 5, passing(waits));
    const restartedAt = now;
    await second.worker.refresh();
    second.worker.start();
    await until(() => second.worker.status.state === 'failing');
    const attempts = oldestFirst(second, 'continues');
    const state = await streamState(second, 'continues');
    await second.stop();

    expect(requests).toBe(5);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(attempts.map((a) => a.eventId)).size).toBe(1);
    // The fourth came 4 s (the backoff after three failures) after the end of the third, not after the restart.
    const thirdEnded = Date.parse(attempts[2].attemptedAt) + attempts[2].latencyMs;
    expect(Date.parse(attempts[3].attemptedAt) - thirdEnded).toBe(4000);
    expect(waits).toEqual([4000 - (restartedAt - thirdEnded), 8000]);
    expect(state).toMatchObject({ status: 'failing', failure: { attempts: 5, lastStatusCode: 500 } });
  });

  it('marks the subscription failing at once when the attempts before the restart already reached the max', async () => {
    const first = startRun('reached', 5, passingThenHeld([], 2));
    await subscribeAndRegister(first, 'reached');
    await first.worker.refresh();
    first.worker.start();
    await until(() => requests === 3 && first.worker.status.state === 'retrying');
    await first.stop();

    // Started again with LEADLEDGER_WEBHOOK_MAX_ATTEMPTS lowered to 3: no fourth attempt.
    const second = startRun('reached', 3, passing([]));
    await second.worker.refresh();
    second.worker.start();
    await until(() => second.worker.status.state === 'failing');
    const state = await streamState(second, 'reached');
    await second.stop();

    expect(requests).toBe(3);
    expect(state).toMatchObject({ status: 'failing', failure: { attempts: 3, lastStatusCode: 500 } });
  });

  it('starts the count again after a retry of the failing subscription, restart or not', async () => {
    const first = startRun('retried', 2, passing([]));
    await subscribeAndRegister(first, 'retried');
    await first.worker.refresh();
    first.worker.start();
    await until(() => first.worker.status.state === 'failing');
    await handleCommand(
      first.store,
      webhookSubscriptionStreamId('sub-retried'),
      webhookSubscriptionDecider,
      { kind: 'RetryWebhookSubscription' },
      admin,
    );
    await first.stop();

    status = 204;
    const waits: number[] = [];
    const second = startRun('retried', 2, passing(waits));
    await second.worker.refresh();
    second.worker.start();
    // Past the RepRegistered (after the subscription's creation), or failing again had the count gone on.
    await until(() => (second.worker.status.position ?? 0n) >= 2n || second.worker.status.state === 'failing');
    const attempts = oldestFirst(second, 'retried');
    await second.stop();

    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [1, 204],
    ]);
    expect(waits).toEqual([]);
  });

  it('reads a read-model file from before the revision column: its attempts continue no count', () => {
    const readModels = new ReadModelDatabase(dir.file('older-read.sqlite'));
    readModels.db.exec(`CREATE TABLE webhook_deliveries (
      id INTEGER PRIMARY KEY AUTOINCREMENT, subscription_id TEXT NOT NULL, event_id TEXT NOT NULL,
      position INTEGER NOT NULL, attempt INTEGER NOT NULL, status_code INTEGER, latency_ms INTEGER NOT NULL,
      error TEXT, attempted_at TEXT NOT NULL)`);
    readModels.db
      .prepare(
        `INSERT INTO webhook_deliveries (subscription_id, event_id, position, attempt, status_code, latency_ms, error,
           attempted_at) VALUES ('sub-older', 'e-1', 2, 5, 500, 3, 'HTTP 500', '2026-11-30T10:00:00.000Z')`,
      )
      .run();
    const checkpoints = new WebhookCheckpoints(readModels);
    try {
      expect(checkpoints.failedAttempts('sub-older', 2n, 0n)).toBeNull();
      const attempt = { subscriptionId: 'sub-older', eventId: 'e-1', position: 2n, statusCode: 500, latencyMs: 3 };
      checkpoints.record(
        { ...attempt, attempt: 1, error: 'HTTP 500', attemptedAt: '2026-11-30T10:01:00.000Z' },
        0n,
        null,
      );
      expect(checkpoints.failedAttempts('sub-older', 2n, 0n)).toEqual({
        attempts: 1,
        lastEndedAt: Date.parse('2026-11-30T10:01:00.003Z'),
        lastStatusCode: 500,
        lastError: 'HTTP 500',
      });
      expect(checkpoints.deliveries('sub-older', 10).map((a) => a.attempt)).toEqual([1, 5]);
    } finally {
      readModels.close();
    }
  });
});
