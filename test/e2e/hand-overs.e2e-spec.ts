import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, registerReps } from './support/sales-team';

describe('hand-overs and departures', () => {
  let engine: EngineHarness;
  let manager: string;
  let repKey: Record<string, string>;

  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    repKey = await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c']);
    await createPool(engine, manager, {
      poolId: 'east',
      acceptanceSlaMinutes: 60,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [{ repId: 'rep-b' }, { repId: 'rep-c' }],
    });
  });
  afterAll(async () => engine.close());

  function post(path: string, body: object, auth = manager) {
    return engine.http().post(path).set('Authorization', auth).send(body);
  }
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);
  const walkIn = async (phone: string, repId: string) =>
    (await post('/leads', { channel: 'walk-in', contact: { phone }, receivedBy: repId }).expect(201)).body;

  it('hands every customer and open lead of a rep to a colleague, one recorded transfer per customer', async () => {
    const first = await walkIn('13900000001', 'rep-a');
    const second = await walkIn('13900000002', 'rep-a');
    await post(`/leads/${first.leadId}/accept`, {}, repKey['rep-a']).expect(200);
    await engine.settle();

    const { body } = await post('/reps/rep-a/hand-over', { toRepId: 'rep-c', reason: 'territory reorganised' }).expect(
      200,
    );
    expect(body.customers.map((c: { change: string }) => c.change)).toEqual(['transferred', 'transferred']);
    expect(body.leads.map((l: { change: string }) => l.change)).toEqual(['transferred', 'transferred']);
    await engine.settle();

    for (const lead of [first, second]) {
      const customer = await get(`/customers/${lead.customerId}`).expect(200);
      expect(customer.body.ownership.at(-1)).toMatchObject({
        repId: 'rep-c',
        via: 'transfer',
        reason: 'territory reorganised',
        to: null,
      });
      const transfer = (await engine.store.readStream(`customer-${lead.customerId}`)).at(-1)!;
      expect(transfer.metadata).toMatchObject({ actorRole: 'manager', reason: 'territory reorganised' });
    }
    const accepted = await get(`/leads/${first.leadId}`).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', repId: 'rep-c' });
    expect(accepted.body.assignments.at(-1)).toMatchObject({ rule: 'hand-off', repId: 'rep-c' });
    const inbox = await get('/reps/rep-a/leads').expect(200);
    expect(inbox.body).toEqual([]);
  });

  it('a departure releasing everything takes the rep out of every pool and sends the work to the shared pool', async () => {
    const lead = (await post('/leads', { channel: 'web-form', contact: { phone: '13900000003' }, poolId: 'east' }))
      .body;
    await engine.settle();
    const holder = lead.repId as string;
    // A successor named with a release is a contradiction, refused before anything is written.
    const head = await engine.store.headPosition();
    const both = { mode: 'release', successorRepId: 'rep-c', reason: 'contract ended' };
    const contradictory = await post(`/reps/${holder}/departure`, both).expect(400);
    expect(contradictory.body.problems).toEqual([expect.objectContaining({ field: 'successorRepId' })]);
    expect(await engine.store.headPosition()).toBe(head);
    const { body } = await post(`/reps/${holder}/departure`, { mode: 'release', reason: 'contract ended' }).expect(200);
    expect(body.pools).toMatchObject([{ id: 'east', change: 'removed', eventType: 'PoolMemberRemoved' }]);
    expect(
      body.customers.some((c: { id: string; change: string }) => c.id === lead.customerId && c.change === 'released'),
    ).toBe(true);
    await engine.settle();

    const customer = await get(`/customers/${lead.customerId}`).expect(200);
    expect(customer.body.ownership.at(-1).to).not.toBeNull();
    const released = await get(`/leads/${lead.leadId}`).expect(200);
    expect(released.body).toMatchObject({ status: 'received', repId: null });
    const pool = await get('/pools/east').expect(200);
    expect(pool.body.members.map((m: { repId: string }) => m.repId)).not.toContain(holder);

    // The released lead is in the shared pool: a colleague claims it.
    const colleague = holder === 'rep-b' ? 'rep-c' : 'rep-b';
    const claimed = await post(`/leads/${lead.leadId}/claim`, {}, repKey[colleague]).expect(200);
    expect(claimed.body).toMatchObject({ status: 'accepted', repId: colleague });
    // And the pool never routes to the departed rep again.
    for (let n = 4; n < 7; n++) {
      const next = await post('/leads', { channel: 'web-form', contact: { phone: `1390000000${n}` }, poolId: 'east' });
      expect(next.body.repId).toBe(colleague);
    }
  });

  it('refuses a departure handing work to a departed rep, and says who the successor would be', async () => {
    const departed = (await engine.store.readAll({ maxCount: 100, filter: { eventTypes: ['RepDeparted'] } }))[0];
    const gone = String(departed.data.repId);
    const before = await engine.store.headPosition();
    const { body } = await post('/reps/rep-a/departure', {
      mode: 'hand-off',
      successorRepId: gone,
      reason: 'resigned',
    }).expect(409);
    expect(body).toMatchObject({ code: 'SuccessorNotActive' });
    expect(await engine.store.headPosition()).toBe(before);
  });

  it('answers 404 for an unknown rep, 400 without a reason, 403 for a rep', async () => {
    await post('/reps/rep-nobody/departure', { mode: 'release', reason: 'x' }).expect(404);
    const bad = await post('/reps/rep-a/hand-over', { toRepId: 'rep-b' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    await post('/reps/rep-a/hand-over', { toRepId: 'rep-b', reason: 'x' }, repKey['rep-a']).expect(403);
  });
});
