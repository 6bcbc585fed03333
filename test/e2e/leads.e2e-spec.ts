import { poolOf } from '../workflows/intake-fixtures';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

describe('POST /leads', () => {
  let engine: EngineHarness;
  let service: string;
  beforeAll(async () => {
    engine = await startEngine();
    service = `Bearer ${await engine.key('service')}`;
    await poolOf(engine.store, 'east', ['rep-a', 'rep-b', 'rep-c']);
    // Receivers must be registered reps (issue 11); the pool's members need not be for these tests.
    await registerReps(engine, `Bearer ${await engine.key('manager')}`, ['rep-wang', 'rep-li', 'rep-zhao']);
  });
  afterAll(async () => engine.close());

  const push = (body: object, auth = service) => engine.http().post('/leads').set('Authorization', auth).send(body);
  const count = async (type: string) =>
    (await engine.store.readAll({ maxCount: 100_000, filter: { eventTypes: [type] } })).length;

  it('gives a walk-in to the rep who received it, with the reason in its history', async () => {
    const { body } = await push({
      channel: 'walk-in',
      contact: { name: '张伟', phone: '138 0013 8000' },
      receivedBy: 'rep-wang',
      poolId: 'east',
    }).expect(201);
    expect(body).toMatchObject({ status: 'assigned', repId: 'rep-wang', flaggedForReview: false });
    expect(body.history.map((e: { type: string }) => e.type)).toEqual([
      'LeadReceived',
      'LeadMatchedToCustomer',
      'LeadAssigned',
    ]);
    expect(body.history[2].data.trace).toMatchObject({
      rule: 'received-walk-in',
      note: 'rep-wang received the customer and nobody owned them',
    });
    expect(body.history[0].actorId).toMatch(/^key:/);
  });

  it('rotates web-form leads through the pool', async () => {
    const reps: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { body } = await push({
        channel: 'web-form',
        contact: { email: `buyer${n}@example.cn` },
        poolId: 'east',
      }).expect(201);
      reps.push(body.repId);
    }
    expect(reps).toEqual(['rep-a', 'rep-b', 'rep-c']);
  });

  it('answers a retry with the same external id with the same lead and writes nothing more', async () => {
    const lead = { channel: 'phone', contact: { phone: '13911112222' }, receivedBy: 'rep-li', externalId: 'crm-1001' };
    const first = await push(lead).expect(201);
    const received = await count('LeadReceived');
    const second = await push(lead).expect(201);
    expect(second.body).toEqual(first.body);
    expect(await count('LeadReceived')).toBe(received);
  });

  it('answers a retry with the same Idempotency-Key with the same lead', async () => {
    const lead = { channel: 'web-form', contact: { phone: '13911113333' }, poolId: 'east' };
    const first = await push(lead).set('Idempotency-Key', 'req-77').expect(201);
    const second = await push(lead).set('Idempotency-Key', 'req-77').expect(201);
    expect(second.body.leadId).toBe(first.body.leadId);
    expect(second.body).toEqual(first.body);
  });

  it('answers 400 naming the field, and writes nothing, for a phone that is no phone', async () => {
    const head = await engine.store.headPosition();
    const { body } = await push({ channel: 'web-form', contact: { phone: '12' }, poolId: 'east' }).expect(400);
    expect(body.problems).toEqual([{ field: 'contact.phone', problem: expect.any(String) }]);
    await push({ channel: 'web-form', contact: { name: 'only a name' } }).expect(400);
    const unknown = await push({ channel: 'fax', contact: { phone: '13800138000' }, actorId: 'someone' }).expect(400);
    expect(unknown.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['actorId', 'channel']);
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('refuses a rep-sourced lead for a colleague’s customer with 409 saying it is taken, and writes nothing', async () => {
    const repZhao = `Bearer ${await engine.key('rep', 'rep-zhao')}`;
    const head = await engine.store.headPosition();
    const { body } = await push({ channel: 'rep-sourced', contact: { phone: '+86 138 0013 8000' } }, repZhao).expect(
      409,
    );
    // By default a rep is told the customer is taken, not by whom (LEADLEDGER_REVEAL_OWNER_TO_REPS).
    expect(body).toMatchObject({ code: 'CustomerOwnedByColleague', current: { taken: true } });
    expect(body.current.ownerId).toBeUndefined();
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('refuses a rep pushing a lead as a colleague’s (403), as every route does, and writes nothing', async () => {
    const repZhao = `Bearer ${await engine.key('rep', 'rep-zhao')}`;
    const head = await engine.store.headPosition();
    const lead = { channel: 'walk-in', contact: { phone: '13700002222' }, receivedBy: 'rep-wang' };
    await push(lead, repZhao).expect(403);
    expect(await engine.store.headPosition()).toBe(head);
    await push({ ...lead, receivedBy: 'rep-zhao' }, repZhao).expect(201);
  });

  it('makes one customer of 50 parallel intakes for one new phone number', async () => {
    const before = await count('CustomerRegistered');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        push({ channel: 'web-form', contact: { phone: '13700001111' }, poolId: 'east' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(await count('CustomerRegistered')).toBe(before + 1);
    expect(new Set(answers.map((a) => a.body.customerId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.repId)).size).toBe(1);
  });
});
