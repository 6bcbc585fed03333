import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/** A request sent again under its Idempotency-Key gets the first answer; another request under it is refused. */
describe('an Idempotency-Key used again for a different request', () => {
  let engine: EngineHarness;
  let manager: string;
  let admin: string;
  beforeAll(async () => {
    engine = await startEngine({ env: { LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    manager = `Bearer ${await engine.key('manager')}`;
    admin = `Bearer ${await engine.key('admin')}`;
  });
  afterAll(async () => engine.close());

  /** A pool's settings as POST /pools takes them. */
  const poolNamed = (name: string) => ({
    name,
    strategy: 'smooth-weighted-round-robin',
    acceptanceSlaMinutes: 30,
    protectionDays: 30,
    protectionWarningDays: 5,
  });

  const post = (path: string, key: string, body: object, auth = manager) =>
    engine.http().post(path).set('Authorization', auth).set('Idempotency-Key', key).send(body);

  /** A walk-in the rep received, as a service pushes it, once the read models have it. */
  async function walkIn(phone: string, receivedBy: string) {
    const lead = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({ channel: 'walk-in', contact: { phone }, receivedBy })
      .expect(201);
    await engine.settle();
    return lead;
  }

  /** The first request, its retry (the same answer), then another body under the key: 409 naming `fields`, nothing written. */
  async function retryThenReuse(path: string, first: object, other: object, fields: string[], auth = manager) {
    const created = await post(path, `key-${path}`, first, auth);
    expect(created.status).toBe(201);
    const retried = await post(path, `key-${path}`, first, auth);
    expect(retried.status).toBe(201);
    const head = await engine.store.headPosition();
    const reused = await post(path, `key-${path}`, other, auth);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'IdempotencyKeyReused', current: { fields } });
    expect(await engine.store.headPosition()).toBe(head);
    return { created: created.body, retried: retried.body };
  }

  it('registers a rep once, and refuses another name under the same key', async () => {
    const rep = { name: 'Wang Fang', email: 'wang@example.cn', team: 'east' };
    const { created, retried } = await retryThenReuse('/reps', rep, { ...rep, name: 'Li Lei' }, ['name']);
    expect(retried.repId).toBe(created.repId);
  });

  it('creates a pool once, and refuses other settings under the same key', async () => {
    const pool = poolNamed('East');
    const other = { ...pool, acceptanceSlaMinutes: 60 };
    const { created, retried } = await retryThenReuse('/pools', pool, other, ['acceptanceSlaMinutes']);
    expect(retried.poolId).toBe(created.poolId);
  });

  it('subscribes once, and refuses another URL under the same key', async () => {
    const first = { url: 'http://127.0.0.1:9/a', description: 'CRM' };
    const other = { url: 'http://127.0.0.1:9/b', description: ' CRM ' };
    const { created, retried } = await retryThenReuse('/subscriptions', first, other, ['url'], admin);
    expect(retried).toMatchObject({ subscriptionId: created.subscriptionId, url: first.url });
  });

  it('takes a dispute comment once, and refuses other words under the same key', async () => {
    const reps = await registerReps(engine, manager, ['rep-a']);
    const lead = await walkIn('13900000031', 'rep-a');
    const opened = await engine
      .http()
      .post('/disputes')
      .set('Authorization', reps['rep-a'])
      .send({ subject: { kind: 'customer-ownership', id: lead.body.customerId }, claim: 'mine' })
      .expect(201);
    const path = `/disputes/${opened.body.disputeId}/comments`;
    await retryThenReuse(path, { text: 'I called first' }, { text: 'I called second' }, ['text']);
  });

  it('opens a dispute once, and refuses another claim under the same key', async () => {
    await registerReps(engine, manager, ['rep-d']);
    const lead = await walkIn('13900000033', 'rep-d');
    const dispute = { subject: { kind: 'lead-assignment', id: lead.body.leadId }, claim: 'mine', repId: 'rep-d' };
    const other = { ...dispute, claim: 'mine, truly' };
    const { created, retried } = await retryThenReuse('/disputes', dispute, other, ['claim']);
    expect(retried.disputeId).toBe(created.disputeId);
  });

  it('takes a lead action once, and refuses another action under the same key', async () => {
    const reps = await registerReps(engine, manager, ['rep-w']);
    const pool = { ...poolNamed('West'), strategy: 'least-assigned' };
    const { body: created } = await post('/pools', 'west-pool', pool).expect(201);
    await engine
      .http()
      .post(`/pools/${created.poolId}/members`)
      .set('Authorization', manager)
      .send({ repId: 'rep-w', weight: 1 })
      .expect(201);
    const lead = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({ channel: 'web-form', contact: { phone: '13900000032' }, poolId: created.poolId })
      .expect(201);
    expect(lead.body.repId).toBe('rep-w');
    const act = (action: string, body: object) =>
      post(`/leads/${lead.body.leadId}/${action}`, 'act-1', body, reps['rep-w']);

    expect((await act('accept', {}).expect(200)).body.status).toBe('accepted');
    expect((await act('accept', {}).expect(200)).body.status).toBe('accepted');
    const head = await engine.store.headPosition();
    const declined = await act('decline', { reason: 'not mine' }).expect(409);
    expect(declined.body).toMatchObject({
      code: 'IdempotencyKeyReused',
      current: { fields: expect.arrayContaining(['action']) },
    });
    expect(await engine.store.headPosition()).toBe(head);
  });

  describe('with another id in the body, the key still names its first resource', () => {
    /** The key's first request, then the same key with the body naming another id: 409 naming it, nothing written. */
    async function reusedWithAnotherId(path: string, key: string, first: object, other: object, auth = manager) {
      const created = (await post(path, key, first, auth).expect(201)).body;
      const head = await engine.store.headPosition();
      const reused = await post(path, key, other, auth).expect(409);
      expect(await engine.store.headPosition()).toBe(head);
      return { created, refusal: reused.body };
    }

    it('refuses a lead under the key with another externalId, or one added on a retry', async () => {
      const service = `Bearer ${await engine.key('service')}`;
      const lead = { channel: 'walk-in', contact: { phone: '13900000041' }, receivedBy: 'rep-a' };
      const { created, refusal } = await reusedWithAnotherId(
        '/leads',
        'lead-ext',
        { ...lead, externalId: 'crm-1001' },
        { ...lead, externalId: 'crm-1001-x' },
        service,
      );
      expect(refusal).toMatchObject({ code: 'IdempotencyKeyReused', current: { fields: ['externalId'] } });
      expect(refusal.current.leadId).toBe(created.leadId);
      const added = await reusedWithAnotherId(
        '/leads',
        'lead-no-ext',
        lead,
        { ...lead, externalId: 'crm-1002' },
        service,
      );
      expect(added.refusal.current).toMatchObject({ fields: ['externalId'], leadId: added.created.leadId });
      // The first request again is its first answer.
      const again = await post('/leads', 'lead-ext', { ...lead, externalId: 'crm-1001' }, service).expect(201);
      expect(again.body.leadId).toBe(created.leadId);
    });

    it('refuses a rep under the key with another repId, or one added on a retry', async () => {
      const rep = { name: 'Sun Li', email: 'sun@example.cn', team: 'east' };
      const named = await reusedWithAnotherId(
        '/reps',
        'rep-id',
        { ...rep, repId: 'rep-sun' },
        { ...rep, repId: 'rep-sun2' },
      );
      expect(named.refusal).toMatchObject({
        code: 'IdempotencyKeyReused',
        current: { fields: ['repId'], repId: 'rep-sun' },
      });
      const added = await reusedWithAnotherId('/reps', 'rep-no-id', rep, { ...rep, repId: 'rep-sun3' });
      expect(added.refusal.current).toMatchObject({ fields: ['repId'], repId: added.created.repId });
    });

    it('refuses a pool under the key with another poolId', async () => {
      const pool = poolNamed('North');
      const { refusal } = await reusedWithAnotherId(
        '/pools',
        'pool-id',
        { ...pool, poolId: 'north' },
        { ...pool, poolId: 'north-x' },
      );
      expect(refusal).toMatchObject({ code: 'IdempotencyKeyReused', current: { fields: ['poolId'], poolId: 'north' } });
    });
  });
});
