import { type EngineHarness, startEngine } from './support/engine-harness';
import { type WebhookReceiver, startWebhookReceiver } from './support/webhook-receiver';

/** A copy of the data directory (a restore test, staging) must not call the receivers production calls. */
describe('webhook delivery turned off', () => {
  let engine: EngineHarness;
  let hooks: WebhookReceiver;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    engine = await startEngine({
      env: { LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEADLEDGER_WEBHOOK_DELIVERY: 'off' },
    });
  });
  afterAll(async () => {
    await engine.close();
    await hooks.close();
  });

  it('keeps the subscriptions but follows none of them: /health lists none followed, the receiver hears nothing', async () => {
    const service = `Bearer ${await engine.key('service')}`;
    const { body: created } = await engine
      .http()
      .post('/subscriptions')
      .set('Authorization', service)
      .send({ url: hooks.url, filter: { types: ['leadledger.rep.*'] } })
      .expect(201);
    const manager = `Bearer ${await engine.key('manager')}`;
    await engine
      .http()
      .post('/reps')
      .set('Authorization', manager)
      .send({ repId: 'rep-a', name: 'A', email: 'a@example.cn', team: 'east' })
      .expect(201);
    await engine.settle();

    const { body: listed } = await engine.http().get('/subscriptions').set('Authorization', service).expect(200);
    expect(listed).toEqual([expect.objectContaining({ subscriptionId: created.subscriptionId, status: 'active' })]);
    const { body: health } = await engine.http().get('/health').expect(200);
    expect(health.webhooks).toEqual([]);
    expect(hooks.received).toEqual([]);
  });
});
