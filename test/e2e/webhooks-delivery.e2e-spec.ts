import { Webhook } from 'standardwebhooks';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type WebhookReceiver, eventually, startWebhookReceiver } from './support/webhook-receiver';
import { publishedIds, registerReps } from './support/webhook-subscriptions';

const REP_REGISTERED = 'leadledger.rep.registered.v1';

describe('webhook delivery', () => {
  let engine: EngineHarness;
  let admin: string;
  let service: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    engine = await startEngine({
      env: {
        LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
        LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '5',
        LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS: '40',
        LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: '1000',
      },
    });
    admin = await engine.key('admin');
    service = await engine.key('service');
  });
  afterAll(async () => {
    await engine.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  async function receiver(): Promise<WebhookReceiver> {
    const started = await startWebhookReceiver();
    receivers.push(started);
    return started;
  }

  async function subscribe(url: string, filter: object): Promise<{ subscriptionId: string; secret: string }> {
    const { body } = await engine
      .http()
      .post('/subscriptions')
      .set('Authorization', `Bearer ${service}`)
      .send({ url, filter, description: 'e2e' })
      .expect(201);
    return body as { subscriptionId: string; secret: string };
  }

  const headOf = async () => (await engine.store.headPosition()).toString();

  it('delivers 1,000 events in log order, each once after de-duplication by webhook-id, every signature valid', async () => {
    const hooks = await receiver();
    const after = await engine.store.headPosition();
    const { secret } = await subscribe(hooks.url, { types: [REP_REGISTERED] });
    await registerReps(() => engine.http(), admin, 'thousand', 1000);
    await hooks.waitForUnique(1000);

    const expected = await publishedIds(engine.store, REP_REGISTERED, after);
    expect(expected).toHaveLength(1000);
    const unique = hooks.unique();
    expect(unique.map((d) => d.id)).toEqual(expected);
    const verifier = new Webhook(secret);
    for (const delivery of hooks.received) {
      expect(delivery.headers['webhook-id']).toBe(delivery.id);
      expect(delivery.headers['content-type']).toBe('application/json');
      const event = verifier.verify(delivery.body, delivery.headers) as { type: string; specversion: string };
      expect(event).toMatchObject({ type: REP_REGISTERED, specversion: '1.0' });
    }
  });

  it('keeps order and loses nothing while the receiver answers 500 for a while, then recovers', async () => {
    const hooks = await receiver();
    hooks.answerWith((n) => (n <= 40 ? 500 : 200));
    const after = await engine.store.headPosition();
    const { subscriptionId } = await subscribe(hooks.url, { types: [REP_REGISTERED] });
    await registerReps(() => engine.http(), admin, 'flaky', 60);
    await hooks.waitForUnique(60);

    expect(hooks.unique().map((d) => d.id)).toEqual(await publishedIds(engine.store, REP_REGISTERED, after));
    // Each event is answered 200 once: what the 500s were for came again, and nothing after it overtook it.
    const positions = hooks.received.map((d) => d.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const { body: attempts } = await engine
      .http()
      .get(`/subscriptions/${subscriptionId}/deliveries?limit=1000`)
      .set('Authorization', `Bearer ${service}`)
      .expect(200);
    expect(attempts.filter((a: { statusCode: number }) => a.statusCode === 500)).toHaveLength(40);
    expect(attempts[0]).toMatchObject({ statusCode: 200, error: null, attempt: expect.any(Number) });
    expect(attempts.find((a: { statusCode: number }) => a.statusCode === 500)).toMatchObject({ error: 'HTTP 500' });
  });

  it('sends only what the filter asks for: by type, by area, by stream prefix', async () => {
    const [byStream, byArea, byOtherArea] = [await receiver(), await receiver(), await receiver()];
    const streams = await subscribe(byStream.url, { streams: ['rep-filter-a'] });
    await subscribe(byArea.url, { types: ['leadledger.rep.*'] });
    const other = await subscribe(byOtherArea.url, { types: ['leadledger.pool.*'] });
    await registerReps(() => engine.http(), admin, 'filter-a', 3);
    await registerReps(() => engine.http(), admin, 'filter-b', 2);
    await byStream.waitForUnique(3);
    await byArea.waitForUnique(5);
    expect(byStream.unique().map((d) => JSON.parse(d.body).subject)).toEqual([
      'rep-filter-a-1',
      'rep-filter-a-2',
      'rep-filter-a-3',
    ]);
    // The pool subscription has passed every event, matching none of them; the stream one is caught up.
    const head = await headOf();
    await eventually(async () => {
      const { body } = await engine.http().get('/health').expect(200);
      const caughtUp = body.webhooks.filter((w: { position: string }) => w.position === head);
      return [other, streams].every(({ subscriptionId }) =>
        caughtUp.some((w: { subscriptionId: string }) => w.subscriptionId === subscriptionId),
      );
    });
    expect(byOtherArea.received).toHaveLength(0);
    const { body } = await engine.http().get('/health').expect(200);
    expect(body.webhooks).toContainEqual({
      subscriptionId: streams.subscriptionId,
      state: 'active',
      position: head,
      lag: '0',
      lagSeconds: 0,
    });
  });
});
