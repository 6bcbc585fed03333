import { handleCommand } from '@leadledger/event-store';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { webhookSubscriptionDecider, webhookSubscriptionStreamId } from '@leadledger/feed';
import { type EngineConfig, loadConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { Logger } from '@nestjs/common';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubscriptionWorker } from './subscription-worker';
import { WebhookCheckpoints } from './webhook-checkpoints';
import { WebhookSecrets } from './webhook-secrets';

interface Scene {
  readonly worker: SubscriptionWorker;
  /** A RepRegistered, which the subscription takes. */
  register(repId: string): Promise<void>;
}

describe('a webhook subscription worker', () => {
  const dir = tempDirectory('leadledger-webhook-worker');
  afterAll(() => dir.remove());

  /**
   * A receiver answering as `answer` says, one subscription to rep registrations, and its worker
   * (refreshed, not started), for `run`; everything is closed after it.
   */
  async function withWorker(
    name: string,
    env: Record<string, string>,
    answer: (response: ServerResponse, worker: SubscriptionWorker) => Promise<void> | void,
    run: (scene: Scene) => Promise<void>,
  ): Promise<void> {
    const config: EngineConfig = loadConfig({
      LEADLEDGER_DATA_DIR: dir.path,
      LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: '3',
      ...env,
    });
    const store = new SqliteEventStore({ file: dir.file(`${name}.sqlite`) });
    const readModels = new ReadModelDatabase(dir.file(`${name}-read.sqlite`));
    const subscriptionId = `sub-${name}`;
    const worker = new SubscriptionWorker(subscriptionId, {
      store,
      checkpoints: new WebhookCheckpoints(readModels),
      secrets: new WebhookSecrets(config),
      settings: config.webhooks,
      eventSource: config.eventSource,
      clock: { now: () => new Date() },
      logger: new Logger('webhook-worker-spec'),
    });
    const receiver: Server = createServer(async (request: IncomingMessage, response) => {
      request.resume();
      await answer(response, worker);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      await handleCommand(
        store,
        webhookSubscriptionStreamId(subscriptionId),
        webhookSubscriptionDecider,
        {
          kind: 'CreateWebhookSubscription',
          subscriptionId,
          url: `http://127.0.0.1:${port}/hooks`,
          filter: { types: ['leadledger.rep.registered.v1'], streams: [] },
          description: '',
          startAfter: (await store.headPosition()).toString(),
        },
        { actorId: 'key:admin', actorRole: 'admin', occurredAt: '2026-11-30T09:00:00.000Z', correlationId: 'c-1' },
      );
      await worker.refresh();
      const register = async (repId: string) => {
        await store.appendToStream(`rep-${repId}`, [anEvent('RepRegistered', { repId })], {
          expectedRevision: 'no_stream',
        });
      };
      await run({ worker, register });
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      readModels.close();
      await store.close();
    }
  }

  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('does not restart the attempts at an event when a change it has already seen is announced again', async () => {
    let requests = 0;
    // Answers 500; while the first attempt is in flight, the log reader announces the creation the request already did.
    const answer = async (response: ServerResponse, worker: SubscriptionWorker) => {
      requests += 1;
      if (requests === 1) await worker.refresh();
      response.writeHead(500).end();
    };
    const env = { LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '5', LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS: '20' };
    await withWorker('announced-twice', env, answer, async ({ worker, register }) => {
      await register('r1');
      worker.start();
      await until(() => worker.status.state === 'failing');

      expect(requests).toBe(3);
      await worker.stop();
    });
  });

  it('waits out its backoff however many new events arrive, and a stop ends the wait', async () => {
    let requests = 0;
    const answer = (response: ServerResponse) => {
      requests += 1;
      response.writeHead(503).end();
    };
    // A stop that did not end the wait would outlast the test's timeout.
    const env = { LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '600000' };
    await withWorker('busy-log', env, answer, async ({ worker, register }) => {
      await register('r1');
      worker.start();
      await until(() => worker.status.state === 'retrying');

      // A busy log: twenty more events, each announced, while the receiver is down.
      for (let n = 2; n <= 21; n++) {
        await register(`r${n}`);
        worker.poke();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }

      expect(requests).toBe(1);
      expect(worker.status.state).toBe('retrying');
      await worker.stop();
    });
  });
});
