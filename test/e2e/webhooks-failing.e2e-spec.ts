import { type EngineHarness, startEngine } from './support/engine-harness';
import { type WebhookReceiver, eventually, startWebhookReceiver } from './support/webhook-receiver';
import { publishedIds, registerReps } from './support/webhook-subscriptions';

const REP_REGISTERED = 'leadledger.rep.registered.v1';

describe('a webhook subscription that keeps failing', () => {
  let engine: EngineHarness;
  let admin: string;
  let service: string;
  let hooks: WebhookReceiver;

  beforeAll(async () => {
    engine = await startEngine({
      env: {
        LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
        LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '5',
        LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS: '20',
        LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: '3',
      },
    });
    admin = await engine.key('admin');
    service = await engine.key('service');
    hooks = await startWebhookReceiver();
  });
  afterAll(async () => {
    await engine.close();
    await hooks.close();
  });

  const asService = (call: ReturnType<ReturnType<EngineHarness['http']>['get']>) =>
    call.set('Authorization', `Bearer ${service}`);
  const subscription = async (id: string) =>
    (await asService(engine.http().get(`/subscriptions/${id}`)).expect(200)).body;

  it('is marked failing after N attempts at one event, stops there, and resumes from it on retry', async () => {
    hooks.answerWith(() => 500);
    const after = await engine.store.headPosition();
    const { body: created } = await asService(engine.http().post('/subscriptions'))
      .send({ url: hooks.url, filter: { types: [REP_REGISTERED] } })
      .expect(201);
    const id = created.subscriptionId as string;
    await registerReps(() => engine.http(), admin, 'fail', 20);
    const expected = await publishedIds(engine.store, REP_REGISTERED, after);

    await eventually(async () => (await subscription(id)).status === 'failing');
    const failing = await subscription(id);
    expect(failing.failure).toMatchObject({
      eventId: expected[0],
      attempts: 3,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(hooks.received.map((d) => d.id)).toEqual([expected[0], expected[0], expected[0]]);
    const { body: health } = await engine.http().get('/health').expect(200);
    expect(health.webhooks).toContainEqual(expect.objectContaining({ subscriptionId: id, state: 'failing' }));

    // Nothing more is sent while failing; retry is refused for an active one and resumes a failing one.
    hooks.answerWith(() => 200);
    await asService(engine.http().post(`/subscriptions/${id}/retry`)).expect(200);
    await hooks.waitForUnique(20);
    expect(hooks.unique().map((d) => d.id)).toEqual(expected);
    const { body: refused } = await asService(engine.http().post(`/subscriptions/${id}/retry`)).expect(409);
    expect(refused).toMatchObject({ code: 'WebhookSubscriptionNotFailing', current: { status: 'active' } });
  });

  it('replays history from a position: every matching event again, in order', async () => {
    const { body: list } = await asService(engine.http().get('/subscriptions')).expect(200);
    const id = list[0].subscriptionId as string;
    const before = hooks.received.length;
    const ids = hooks.unique().map((d) => d.id);
    const fifth = hooks.unique()[4].position;
    await asService(engine.http().post(`/subscriptions/${id}/replay?from=${fifth}`)).expect(202);
    await eventually(() => hooks.received.length >= before + 16);
    expect(hooks.received.slice(before).map((d) => d.id)).toEqual(ids.slice(4));
    await asService(engine.http().post(`/subscriptions/${id}/replay?from=0`)).expect(400);
  });

  it('counts a redirect as a failed attempt and does not follow it', async () => {
    const redirecting = await startWebhookReceiver();
    redirecting.answerWith(() => 302);
    try {
      const { body: created } = await asService(engine.http().post('/subscriptions'))
        .send({ url: redirecting.url, filter: { types: [REP_REGISTERED] } })
        .expect(201);
      await registerReps(() => engine.http(), admin, 'redirect', 1);
      await eventually(async () => (await subscription(created.subscriptionId)).status === 'failing');
      expect((await subscription(created.subscriptionId)).failure).toMatchObject({
        lastStatusCode: 302,
        lastError: 'redirect not followed (302 to http://127.0.0.1:9/elsewhere)',
      });
      expect(redirecting.received).toHaveLength(3);
    } finally {
      await redirecting.close();
    }
  });
});
