import { tempDirectory } from '@leadledger/event-store/testing';
import { loadConfig } from '@leadledger/platform';
import { Logger } from '@nestjs/common';
import { rmSync } from 'node:fs';
import { ReadModelRecovery } from '../../apps/engine/src/platform/read-model-recovery';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type WebhookReceiver, startWebhookReceiver } from './support/webhook-receiver';

/**
 * The subscriptions to follow at start are read from their read model. When that read model is
 * built at start (its file deleted or set aside), they are read once it is built, not before.
 */
describe('webhook subscriptions when the read models are built at start', () => {
  const shared = tempDirectory('leadledger-webhooks-rebuilt');
  const env = { LEADLEDGER_DATA_DIR: shared.path, LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true' };
  let hooks: WebhookReceiver;
  let engine: EngineHarness | null = null;
  beforeAll(async () => (hooks = await startWebhookReceiver()));
  afterAll(async () => {
    await engine?.close();
    await hooks.close();
    shared.remove();
  });

  it('are followed again once their read model is built', async () => {
    const first = await startEngine({ env });
    const service = `Bearer ${await first.key('service')}`;
    const { body: created } = await first
      .http()
      .post('/subscriptions')
      .set('Authorization', service)
      .send({ url: hooks.url, filter: { types: ['leadledger.rep.registered.v1'] } })
      .expect(201);
    await first.settle();
    await first.close();
    const { readModelsFile } = loadConfig(env);
    for (const end of ['', '-wal', '-shm']) rmSync(`${readModelsFile}${end}`, { force: true });

    const failed = jest.spyOn(Logger.prototype, 'error');
    engine = await startEngine({ env });
    await engine.app.get(ReadModelRecovery).whenRebuilt();
    let followed: { subscriptionId: string }[] = [];
    for (let attempt = 0; followed.length === 0 && attempt < 300; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      followed = (await engine.http().get('/health').expect(200)).body.webhooks;
    }
    expect(followed.map((w) => w.subscriptionId)).toEqual([created.subscriptionId]);
    expect(failed).not.toHaveBeenCalledWith(expect.stringMatching(/webhook subscription failed/));
    failed.mockRestore();
  });
});
