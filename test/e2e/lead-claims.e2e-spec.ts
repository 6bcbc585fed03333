import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, registerReps } from './support/sales-team';

describe('claiming a lead that waits in a pool', () => {
  let engine: EngineHarness;
  let manager: string;
  const reps = Array.from({ length: 20 }, (_, n) => `rep-${String(n + 1).padStart(2, '0')}`);
  let repKey: Record<string, string>;

  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    repKey = await registerReps(engine, manager, reps);
    await createPool(engine, manager, {
      poolId: 'solo',
      strategy: 'least-assigned',
      acceptanceSlaMinutes: 60,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [{ repId: 'rep-01', dailyCap: 1 }],
    });
  });
  afterAll(async () => engine.close());

  function post(path: string, body: object, auth = manager) {
    return engine.http().post(path).set('Authorization', auth).send(body);
  }

  it('gives a queued lead to exactly one of 20 reps claiming it at once; the other 19 get 409', async () => {
    await post('/leads', { channel: 'web-form', contact: { phone: '13700000001' }, poolId: 'solo' }).expect(201);
    const waiting = (
      await post('/leads', { channel: 'web-form', contact: { phone: '13700000002' }, poolId: 'solo' }).expect(201)
    ).body;
    expect(waiting.status).toBe('queued');

    const answers = await Promise.all(reps.map((repId) => post(`/leads/${waiting.leadId}/claim`, {}, repKey[repId])));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    const winner = won[0].body.repId as string;
    expect(won[0].body).toMatchObject({ status: 'accepted' });
    for (const lost of answers.filter((a) => a.status === 409)) expect(lost.body.code).toBe('LeadNotClaimable');

    await engine.settle();
    const pool = await engine.http().get('/pools/solo').set('Authorization', manager).expect(200);
    expect(pool.body.queuedLeads).toEqual([]);
    const customer = await engine.http().get(`/customers/${waiting.customerId}`).set('Authorization', manager);
    expect(customer.body.ownership.at(-1)).toMatchObject({ repId: winner, via: 'claim' });
  });

  it('refuses to claim a lead a rep already holds, naming the holder', async () => {
    const held = (
      await post('/leads', { channel: 'walk-in', contact: { phone: '13700000003' }, receivedBy: 'rep-05' }).expect(201)
    ).body;
    const before = await engine.store.headPosition();
    const { body } = await post(`/leads/${held.leadId}/claim`, {}, repKey['rep-06']).expect(409);
    expect(body).toMatchObject({ code: 'LeadNotClaimable' });
    expect(JSON.stringify(body)).toContain('rep-05');
    expect(await engine.store.headPosition()).toBe(before);
  });

  it('lets a rep claim only for themselves', async () => {
    await post('/leads/anything/claim', { repId: 'rep-02' }, repKey['rep-03']).expect(403);
  });
});
