import { customerStreamId } from '@leadledger/customers';
import { handleCommand } from '@leadledger/event-store';
import { ManualClock } from '@leadledger/kernel';
import { type RepCommand, repDecider, repStreamId } from '@leadledger/leads';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

describe('customer lookups', () => {
  let engine: EngineHarness;
  let manager: string;
  let customerId: string;
  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    await registerReps(engine, manager, ['rep-wang'], '2026-10-01T00:00:00Z');
    const { body } = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({
        channel: 'walk-in',
        contact: { phone: '138 0013 8000', email: 'Zhang.Wei@Example.cn' },
        receivedBy: 'rep-wang',
        occurredAt: '2026-11-02T10:00:00+08:00',
      })
      .expect(201);
    customerId = body.customerId;
    await engine.settle();
  });
  afterAll(async () => engine.close());

  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);

  it('finds the owner by phone in any format, with since when and via which rule', async () => {
    const { body } = await get('/customers?phone=%2B86%20138-0013-8000').expect(200);
    expect(body).toMatchObject({
      customerId,
      finderRepId: 'rep-wang',
      owner: { repId: 'rep-wang', since: '2026-11-02T02:00:00.000Z', via: 'received-walk-in' },
    });
    expect(body.ownership).toEqual([
      expect.objectContaining({
        repId: 'rep-wang',
        from: '2026-11-02T02:00:00.000Z',
        to: null,
        via: 'received-walk-in',
      }),
    ]);
  });

  it('finds the same customer by e-mail, whatever its case', async () => {
    const { body } = await get('/customers?email=zhang.wei@EXAMPLE.cn').expect(200);
    expect(body.customerId).toBe(customerId);
  });

  it('answers who owned the customer at a time', async () => {
    const before = await get(`/customers/${customerId}/owner?asOf=2026-11-01T00:00:00Z`).expect(200);
    expect(before.body.owner).toBeNull();
    const after = await get(`/customers/${customerId}/owner?asOf=2026-11-03T00:00:00Z`).expect(200);
    expect(after.body.owner).toMatchObject({ repId: 'rep-wang', via: 'received-walk-in' });
  });

  it('shows a rep their own customer and not a colleague’s', async () => {
    await get(`/customers/${customerId}`, `Bearer ${await engine.key('rep', 'rep-wang')}`).expect(200);
    await get(`/customers/${customerId}`, `Bearer ${await engine.key('rep', 'rep-li')}`).expect(403);
  });

  it('answers 404 for an unknown customer or key, and 400 for a malformed query', async () => {
    await get('/customers/no-such-customer').expect(404);
    await get('/customers?phone=13911119999').expect(404);
    const both = await get('/customers?phone=13800138000&email=a@b.cn').expect(400);
    expect(both.body.problems[0].problem).toBe('give exactly one of phone, email or company');
    const badTime = await get(`/customers/${customerId}/owner?asOf=yesterday`).expect(400);
    expect(badTime.body.problems[0].field).toBe('asOf');
  });
});

describe('handing one customer over (移交)', () => {
  const clock = new ManualClock('2026-11-20T00:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let customerId: string;

  const onRep = (repId: string, command: RepCommand) =>
    handleCommand(engine.store, repStreamId(repId), repDecider, command, {
      actorId: 'admin-test',
      actorRole: 'admin',
      occurredAt: '2026-11-01T00:00:00.000Z',
      correlationId: repId,
    });
  const registerRep = (repId: string) =>
    onRep(repId, { kind: 'RegisterRep', repId, name: repId, email: `${repId}@example.cn`, team: 'east' });
  const transfer = (id: string, body: object, auth = manager) =>
    engine.http().post(`/customers/${id}/transfer`).set('Authorization', auth).send(body);

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    for (const repId of ['rep-wang', 'rep-li', 'rep-gone']) await registerRep(repId);
    await onRep('rep-gone', { kind: 'DepartRep', mode: 'release', successor: null, reason: 'resigned' });
    const { body } = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({
        channel: 'walk-in',
        contact: { phone: '138 0013 8000' },
        receivedBy: 'rep-wang',
        occurredAt: '2026-11-02T10:00:00+08:00',
      })
      .expect(201);
    customerId = body.customerId;
    await engine.settle();
  });
  afterAll(async () => engine.close());

  it('moves the customer to the named rep with a fresh protection, recording the manager and the reason', async () => {
    const { body } = await transfer(customerId, { toRepId: 'rep-li', reason: ' territory change ' }).expect(200);

    expect(body.owner).toEqual({
      repId: 'rep-li',
      since: '2026-11-20T00:00:00.000Z',
      via: 'transfer',
      protectedUntil: '2026-12-20T00:00:00.000Z',
      warned: false,
      warningDueAt: '2026-12-17T00:00:00.000Z',
    });
    expect(body.ownership).toEqual([
      expect.objectContaining({ repId: 'rep-wang', to: '2026-11-20T00:00:00.000Z', via: 'received-walk-in' }),
      expect.objectContaining({ repId: 'rep-li', to: null, via: 'transfer', reason: 'territory change' }),
    ]);
    const assigned = (await engine.store.readStream(customerStreamId(customerId))).at(-1)!;
    expect(assigned.data).toMatchObject({ byActorId: expect.any(String), protectionDays: 30, warningDays: 3 });
    expect(assigned.metadata).toMatchObject({ actorRole: 'manager', reason: 'territory change' });
    expect(assigned.metadata.actorId).toBe(assigned.data.byActorId);
  });

  it('refuses a transfer to the rep who already owns the customer', async () => {
    const refused = await transfer(customerId, { toRepId: 'rep-li', reason: 'again' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'AlreadyOwner', current: { ownerId: 'rep-li' } });
  });

  it('refuses a transfer to a rep who has departed', async () => {
    const refused = await transfer(customerId, { toRepId: 'rep-gone', reason: 'back to Gone' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'RepDeparted', current: { repId: 'rep-gone' } });
  });

  it('answers 400 for a blank reason and 404 for an unknown customer or rep, writing nothing', async () => {
    await engine.settle();
    const before = await engine.store.headPosition();

    const blank = await transfer(customerId, { toRepId: 'rep-wang', reason: '   ' }).expect(400);
    await transfer('no-such-customer', { toRepId: 'rep-wang', reason: 'x' }).expect(404);
    await transfer(customerId, { toRepId: 'rep-nobody', reason: 'x' }).expect(404);

    expect(blank.body.problems).toEqual([{ field: 'reason', problem: 'reason must not be blank' }]);
    expect(await engine.store.headPosition()).toBe(before);
  });

  it('leaves hand-overs to managers and admins', async () => {
    const rep = `Bearer ${await engine.key('rep', 'rep-li')}`;
    await transfer(customerId, { toRepId: 'rep-wang', reason: 'giving it back' }, rep).expect(403);
  });
});
