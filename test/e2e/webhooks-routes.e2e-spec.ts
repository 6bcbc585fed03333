import { Webhook } from 'standardwebhooks';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type WebhookReceiver, startWebhookReceiver } from './support/webhook-receiver';
import { registerReps } from './support/webhook-subscriptions';

const WHSEC = /^whsec_[A-Za-z0-9+/]{43}=$/;

describe('webhook subscription routes', () => {
  let engine: EngineHarness;
  let admin: string;
  let service: string;
  let hooks: WebhookReceiver;

  beforeAll(async () => {
    engine = await startEngine({ env: { LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    admin = await engine.key('admin');
    service = await engine.key('service');
    hooks = await startWebhookReceiver();
  });
  afterAll(async () => {
    await engine.close();
    await hooks.close();
  });

  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

  it('creates, shows the secret once, lists, changes, pauses, resumes and deletes a subscription', async () => {
    const { body: created } = await engine
      .http()
      .post('/subscriptions')
      .set(auth(service))
      .send({ url: hooks.url, filter: { types: ['leadledger.lead.*'] }, description: ' CRM ' })
      .expect(201);
    expect(created).toMatchObject({
      url: hooks.url,
      description: 'CRM',
      filter: { types: ['leadledger.lead.*'], streams: [] },
      status: 'active',
      secretVersion: 1,
      previousSecretValidUntil: null,
      failure: null,
    });
    expect(created.secret).toMatch(WHSEC);
    const id = created.subscriptionId as string;

    const { body: shown } = await engine.http().get(`/subscriptions/${id}`).set(auth(admin)).expect(200);
    expect(shown).not.toHaveProperty('secret');
    await engine.settle();
    const { body: list } = await engine.http().get('/subscriptions').set(auth(service)).expect(200);
    expect(list).toEqual([shown]);

    const patch = (body: object) => engine.http().patch(`/subscriptions/${id}`).set(auth(service)).send(body);
    expect((await patch({ paused: true, description: 'CRM inbox' }).expect(200)).body).toMatchObject({
      status: 'paused',
      description: 'CRM inbox',
    });
    expect((await patch({ paused: false, filter: { streams: ['lead-'] } }).expect(200)).body).toMatchObject({
      status: 'active',
      filter: { types: [], streams: ['lead-'] },
    });
    await engine.http().delete(`/subscriptions/${id}`).set(auth(service)).expect(204);
    await engine.http().get(`/subscriptions/${id}`).set(auth(service)).expect(404);
    await patch({ paused: true }).expect(404);
    await engine.settle();
    expect((await engine.http().get('/subscriptions').set(auth(service)).expect(200)).body).toEqual([]);
  });

  it('answers a retried creation with the same Idempotency-Key with the same subscription and secret', async () => {
    const create = () =>
      engine
        .http()
        .post('/subscriptions')
        .set({ ...auth(service), 'Idempotency-Key': 'crm-setup-1' })
        .send({ url: hooks.url })
        .expect(201);
    const [first, second] = [(await create()).body, (await create()).body];
    expect(second).toEqual(first);
    await engine.http().delete(`/subscriptions/${first.subscriptionId}`).set(auth(service)).expect(204);
  });

  it('names the field of bad input, answers 404 for an unknown id and 409 with the state for a refused rule', async () => {
    const { body: bad } = await engine
      .http()
      .post('/subscriptions')
      .set(auth(service))
      .send({ url: hooks.url, filter: { types: ['leadledger.nothing.v9'] }, extra: 1 })
      .expect(400);
    expect(bad.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['filter.types', 'extra']),
    );
    const { body: badUrl } = await engine
      .http()
      .post('/subscriptions')
      .set(auth(service))
      .send({ url: 'ftp://example.com/x' })
      .expect(400);
    expect(badUrl.problems).toEqual([{ field: 'url', problem: 'url must use http or https' }]);
    await engine.http().get('/subscriptions/nope').set(auth(service)).expect(404);
    await engine.http().post('/subscriptions/nope/retry').set(auth(service)).expect(404);
    await engine.http().get('/subscriptions/nope/deliveries').set(auth(service)).expect(404);

    const { body: created } = await engine.http().post('/subscriptions').set(auth(service)).send({ url: hooks.url });
    await engine.http().patch(`/subscriptions/${created.subscriptionId}`).set(auth(service)).send({}).expect(400);
    const { body: refused } = await engine
      .http()
      .post(`/subscriptions/${created.subscriptionId}/retry`)
      .set(auth(service))
      .expect(409);
    expect(refused).toMatchObject({ code: 'WebhookSubscriptionNotFailing', current: { status: 'active' } });
    await engine.http().delete(`/subscriptions/${created.subscriptionId}`).set(auth(service)).expect(204);
  });

  it('rotates the secret: during the grace period deliveries verify with the old and the new secret', async () => {
    const { body: created } = await engine
      .http()
      .post('/subscriptions')
      .set(auth(service))
      .send({ url: hooks.url, filter: { types: ['leadledger.rep.registered.v1'] } })
      .expect(201);
    const { body: rotated } = await engine
      .http()
      .post(`/subscriptions/${created.subscriptionId}/rotate-secret`)
      .set(auth(admin))
      .expect(200);
    expect(rotated.secret).toMatch(WHSEC);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated).toMatchObject({ secretVersion: 2, previousSecretValidUntil: expect.any(String) });
    expect(Date.parse(rotated.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

    const before = hooks.received.length;
    await registerReps(() => engine.http(), admin, 'rotation', 2);
    await hooks.waitForUnique(2);
    const deliveries = hooks.received.slice(before);
    expect(deliveries).toHaveLength(2);
    for (const delivery of deliveries) {
      expect(delivery.headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(() => new Webhook(created.secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() => new Webhook(rotated.secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(delivery.body, delivery.headers),
      ).toThrow();
    }
    await engine.http().delete(`/subscriptions/${created.subscriptionId}`).set(auth(service)).expect(204);
  });

  it('answers 403 to a rep key on every subscription route', async () => {
    const rep = await engine.key('rep', 'rep-1');
    const id = 'any';
    const calls = [
      engine.http().post('/subscriptions').send({ url: hooks.url }),
      engine.http().get('/subscriptions'),
      engine.http().get(`/subscriptions/${id}`),
      engine.http().patch(`/subscriptions/${id}`).send({ paused: true }),
      engine.http().delete(`/subscriptions/${id}`),
      engine.http().post(`/subscriptions/${id}/rotate-secret`),
      engine.http().post(`/subscriptions/${id}/retry`),
      engine.http().post(`/subscriptions/${id}/replay?from=1`),
      engine.http().get(`/subscriptions/${id}/deliveries`),
    ];
    for (const call of calls) await call.set(auth(rep)).expect(403);
  });
});

describe('webhook URLs on an engine that keeps private addresses out (the default)', () => {
  let engine: EngineHarness;
  let service: string;

  beforeAll(async () => {
    engine = await startEngine();
    service = await engine.key('service');
  });
  afterAll(async () => engine.close());

  it.each([
    ['http://127.0.0.1:8080/hooks', 'url points at a private or reserved address (127.0.0.1)'],
    ['http://169.254.169.254/latest/meta-data', 'url points at a private or reserved address (169.254.169.254)'],
    ['http://10.0.0.8/hooks', 'url points at a private or reserved address (10.0.0.8)'],
    ['http://192.168.1.20/hooks', 'url points at a private or reserved address (192.168.1.20)'],
    ['http://[::1]/hooks', 'url points at a private or reserved address (::1)'],
    ['http://[::ffff:127.0.0.1]/hooks', 'url points at a private or reserved address (::ffff:7f00:1)'],
    [
      'http://localhost:3000/hooks',
      /^url host localhost resolves to a private or reserved address \((127\.0\.0\.1|::1)\)$/,
    ],
    ['file:///etc/passwd', 'url must use http or https'],
  ] as [string, string | RegExp][])('refuses %s', async (url, problem) => {
    const { body } = await engine
      .http()
      .post('/subscriptions')
      .set('Authorization', `Bearer ${service}`)
      .send({ url })
      .expect(400);
    const expected = typeof problem === 'string' ? problem : expect.stringMatching(problem);
    expect(body.problems).toEqual([{ field: 'url', problem: expected }]);
  });
});
