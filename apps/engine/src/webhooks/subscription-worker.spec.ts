import { handleCommand } from '@leadledger/event-store';
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

describe('a webhook subscription worker', () => {
  const dir = tempDirectory('leadledger-webhook-worker');
  afterAll(() => dir.remove());

  it('does not restart the attempts at an event when a change it has already seen is announced again', async () => {
    const config = loadConfig({
      LEADLEDGER_DATA_DIR: dir.path,
      LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: '3',
      LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '5',
      LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS: '20',
    });
    const store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    const readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    const subscriptionId = 'sub-announced-twice';
    let worker: SubscriptionWorker | null = null;
    let requests = 0;
    // Answers 500; while the first attempt is in flight, the log reader announces the creation the request already did.
    const receiver: Server = createServer(async (request, response) => {
      request.resume();
      requests += 1;
      if (requests === 1) await worker?.refresh();
      response.writeHead(500).end();
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
      await store.appendToStream('rep-r1', [anEvent('RepRegistered', { repId: 'r1' })], {
        expectedRevision: 'no_stream',
      });

      worker = new SubscriptionWorker(subscriptionId, {
        store,
        checkpoints: new WebhookCheckpoints(readModels),
        secrets: new WebhookSecrets(config),
        settings: config.webhooks,
        eventSource: config.eventSource,
        clock: { now: () => new Date() },
        logger: new Logger('webhook-worker-spec'),
      });
      await worker.refresh();
      worker.start();
      while (worker.status.state !== 'failing') await new Promise((resolve) => setTimeout(resolve, 10));

      expect(requests).toBe(config.webhooks.maxAttempts);
      await worker.stop();
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      readModels.close();
      await store.close();
    }
  });

  it('waits out its backoff however many new events arrive, and a stop ends the wait', async () => {
    const config = loadConfig({
      LEADLEDGER_DATA_DIR: dir.path,
      LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: '3',
      LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '600000', // a stop that did not end the wait would outlast the test's timeout
    });
    const store = new SqliteEventStore({ file: dir.file('busy.sqlite') });
    const readModels = new ReadModelDatabase(dir.file('busy-read.sqlite'));
    const subscriptionId = 'sub-busy-log';
    let requests = 0;
    const receiver: Server = createServer((request, response) => {
      request.resume();
      requests += 1;
      response.writeHead(503).end();
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
        { actorId: 'key:admin', actorRole: 'admin', occurredAt: '2026-11-30T09:00:00.000Z', correlationId: 'c-2' },
      );
      await store.appendToStream('rep-r1', [anEvent('RepRegistered', { repId: 'r1' })], {
        expectedRevision: 'no_stream',
      });
      const worker = new SubscriptionWorker(subscriptionId, {
        store,
        checkpoints: new WebhookCheckpoints(readModels),
        secrets: new WebhookSecrets(config),
        settings: config.webhooks,
        eventSource: config.eventSource,
        clock: { now: () => new Date() },
        logger: new Logger('webhook-worker-spec'),
      });
      await worker.refresh();
      worker.start();
      while (worker.status.state !== 'retrying') await new Promise((resolve) => setTimeout(resolve, 5));

      // A busy log: twenty more events, each announced, while the receiver is down.
      for (let n = 2; n <= 21; n++) {
        await store.appendToStream(`rep-r${n}`, [anEvent('RepRegistered', { repId: `r${n}` })], {
          expectedRevision: 'no_stream',
        });
        worker.poke();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }

      expect(requests).toBe(1);
      expect(worker.status.state).toBe('retrying');
      await worker.stop();
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      readModels.close();
      await store.close();
    }
  });
});
