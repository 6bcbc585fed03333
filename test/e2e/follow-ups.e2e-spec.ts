import { handleCommand } from '@leadledger/event-store';
import { ManualClock } from '@leadledger/kernel';
import { type PoolCommand, poolDecider, poolStreamId } from '@leadledger/routing';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

describe('follow-ups (跟进) and protection', () => {
  const clock = new ManualClock('2026-11-10T00:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let wang: string;
  let customerId: string;

  const followUp = (id: string, auth: string, body: object) =>
    engine.http().post(`/customers/${id}/follow-ups`).set('Authorization', auth).send(body);
  const pushLead = async (lead: object) =>
    (
      await engine
        .http()
        .post('/leads')
        .set('Authorization', `Bearer ${await engine.key('service')}`)
        .send(lead)
        .expect(201)
    ).body;

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    await registerReps(engine, manager, ['rep-wang', 'rep-li'], '2026-10-01T00:00:00Z');
    wang = `Bearer ${await engine.key('rep', 'rep-wang')}`;
    // Wang received the walk-in on 2 November: owner, protected for the default 30 days.
    const lead = await pushLead({
      channel: 'walk-in',
      contact: { phone: '138 0013 8000' },
      receivedBy: 'rep-wang',
      occurredAt: '2026-11-02T10:00:00+08:00',
    });
    customerId = lead.customerId;
  });
  afterAll(async () => engine.close());

  it('lets the owner log a follow-up that moves protection to its time plus the protection days', async () => {
    const { body } = await followUp(customerId, wang, {
      kind: 'visit',
      note: '到店看样品，报价下周给',
      occurredAt: '2026-11-09T09:00:00+08:00',
    }).expect(201);

    expect(body).toEqual({
      customerId,
      repId: 'rep-wang',
      kind: 'visit',
      note: '到店看样品，报价下周给',
      at: '2026-11-09T01:00:00.000Z',
      protectedUntil: '2026-12-09T01:00:00.000Z',
    });
    await engine.settle();
    const customer = await engine.http().get(`/customers/${customerId}`).set('Authorization', wang).expect(200);
    expect(customer.body).toMatchObject({
      owner: { repId: 'rep-wang', protectedUntil: '2026-12-09T01:00:00.000Z' },
      lastFollowUpAt: '2026-11-09T01:00:00.000Z',
    });
  });

  it('dates a follow-up without a time at the moment it is logged', async () => {
    const { body } = await followUp(customerId, wang, { kind: 'call', note: 'confirmed the quote' }).expect(201);

    expect(body).toMatchObject({ at: '2026-11-10T00:00:00.000Z', protectedUntil: '2026-12-10T00:00:00.000Z' });
  });

  it('refuses a follow-up by a rep who does not own the customer, naming the owner', async () => {
    const li = `Bearer ${await engine.key('rep', 'rep-li')}`;
    await engine.settle();
    const before = await engine.store.headPosition();

    const refused = await followUp(customerId, li, { kind: 'call', note: 'tried to call' }).expect(409);

    expect(refused.body).toMatchObject({ code: 'NotOwner', current: { ownerId: 'rep-wang' } });
    expect(await engine.store.headPosition()).toBe(before);
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    await engine.settle();
    const before = await engine.store.headPosition();

    const badKind = await followUp(customerId, wang, { kind: 'lunch', note: 'had lunch' }).expect(400);
    const noNote = await followUp(customerId, wang, { kind: 'call', note: '' }).expect(400);
    const ahead = await followUp(customerId, wang, {
      kind: 'call',
      note: 'next week',
      occurredAt: '2026-11-17T00:00:00Z',
    }).expect(400);

    expect(badKind.body.problems.map((p: { field: string }) => p.field)).toEqual(['kind']);
    expect(noNote.body.problems.map((p: { field: string }) => p.field)).toEqual(['note']);
    expect(ahead.body.problems).toEqual([{ field: 'occurredAt', problem: 'occurredAt must not be in the future' }]);
    expect(await engine.store.headPosition()).toBe(before);
  });

  it('forbids a rep to log for a colleague, and lets a manager log for the owner', async () => {
    await followUp(customerId, `Bearer ${await engine.key('rep', 'rep-li')}`, {
      kind: 'call',
      note: 'as Wang',
      repId: 'rep-wang',
    }).expect(403);
    await followUp(customerId, manager, { kind: 'meeting', note: 'joint meeting' }).expect(400);

    const { body } = await followUp(customerId, manager, {
      kind: 'meeting',
      note: 'joint meeting with the owner',
      repId: 'rep-wang',
    }).expect(201);

    expect(body).toMatchObject({ repId: 'rep-wang', kind: 'meeting' });
  });

  it('answers 404 for a customer that does not exist', async () => {
    await followUp('no-such-customer', wang, { kind: 'call', note: 'hello?' }).expect(404);
  });

  it('extends the protection of a customer that came through a pool by the pool’s own days', async () => {
    const onPool = (command: PoolCommand) =>
      handleCommand(engine.store, poolStreamId('north'), poolDecider, command, {
        actorId: 'admin-test',
        actorRole: 'admin',
        occurredAt: '2026-11-01T00:00:00.000Z',
        correlationId: 'pool-north',
      });
    await onPool({
      kind: 'CreatePool',
      poolId: 'north',
      name: 'North',
      strategy: 'smooth-weighted-round-robin',
      acceptanceSlaMinutes: 60,
      protectionDays: 7,
      protectionWarningDays: 2,
    });
    const member = {
      poolId: 'north',
      weight: 1,
      dailyCap: null,
      monthlyCap: null,
      day: '2026-11-01',
      month: '2026-11',
    };
    await onPool({ kind: 'AddMember', repId: 'rep-zhao', ...member });
    const lead = await pushLead({
      channel: 'web-form',
      contact: { phone: '139 1111 2222' },
      poolId: 'north',
      occurredAt: '2026-11-09T00:00:00Z',
    });
    await engine.settle();
    const zhao = `Bearer ${await engine.key('rep', 'rep-zhao')}`;
    const customer = await engine.http().get(`/customers/${lead.customerId}`).set('Authorization', zhao).expect(200);
    expect(customer.body.owner).toMatchObject({ repId: 'rep-zhao', protectedUntil: '2026-11-16T00:00:00.000Z' });

    const { body } = await followUp(lead.customerId, zhao, { kind: 'quote', note: 'sent the quote' }).expect(201);

    expect(body.protectedUntil).toBe('2026-11-17T00:00:00.000Z');
  });
});
