import { customerDecider, customerStreamId } from '@leadledger/customers';
import { handleCommand } from '@leadledger/event-store';
import { ManualClock } from '@leadledger/kernel';
import { type RepCommand, repDecider, repStreamId } from '@leadledger/leads';
import { type EngineHarness, startEngine } from './support/engine-harness';

const context = { actorId: 'admin-test', actorRole: 'admin', occurredAt: '2026-11-01T00:00:00.000Z' };

describe('claiming a customer (认领)', () => {
  const clock = new ManualClock('2026-11-02T04:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;

  const onRep = (repId: string, command: RepCommand) =>
    handleCommand(engine.store, repStreamId(repId), repDecider, command, { ...context, correlationId: repId });
  const registerRep = (repId: string) =>
    onRep(repId, { kind: 'RegisterRep', repId, name: repId, email: `${repId}@example.cn`, team: 'east' });
  const repKey = async (repId: string) => `Bearer ${await engine.key('rep', repId)}`;
  const claim = (customerId: string, auth: string, body: object = {}) =>
    engine.http().post(`/customers/${customerId}/claim`).set('Authorization', auth).send(body);

  /** A web lead for a pool with no members: the customer is registered, nobody owns it, the lead waits in the queue. */
  async function unownedCustomer(phone: string): Promise<string> {
    const service = `Bearer ${await engine.key('service')}`;
    const lead = await engine
      .http()
      .post('/leads')
      .set('Authorization', service)
      .send({ channel: 'web-form', contact: { phone }, poolId: 'empty', occurredAt: '2026-11-02T10:00:00+08:00' })
      .expect(201);
    expect(lead.body.status).toBe('queued');
    await engine.settle();
    const { body } = await engine.http().get(`/customers?phone=${phone}`).set('Authorization', manager).expect(200);
    expect(body.owner).toBeNull();
    return body.customerId;
  }

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    const pool = { name: 'nobody in it', strategy: 'least-assigned', acceptanceSlaMinutes: 30 };
    await engine
      .http()
      .post('/pools')
      .set('Authorization', manager)
      .send({ poolId: 'empty', ...pool, protectionDays: 30, protectionWarningDays: 5 })
      .expect(201);
  });
  afterAll(async () => engine.close());

  it('gives the customer to exactly one of 20 reps claiming at once; the other 19 are told who won', async () => {
    const customerId = await unownedCustomer('13900000001');
    const reps = Array.from({ length: 20 }, (_, n) => `rep-${String(n + 1).padStart(2, '0')}`);
    for (const repId of reps) await registerRep(repId);
    const keys = await Promise.all(reps.map(repKey));

    const answers = await Promise.all(keys.map((key) => claim(customerId, key)));

    const won = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);
    const winner = won[0].body.owner.repId;
    expect(reps).toContain(winner);
    expect(won[0].body.owner).toMatchObject({
      via: 'claim',
      since: '2026-11-02T04:00:00.000Z',
      protectedUntil: '2026-12-02T04:00:00.000Z',
    });
    for (const answer of refused) {
      expect(answer.body).toMatchObject({
        code: 'CustomerProtected',
        current: { ownerId: winner, protectedUntil: '2026-12-02T04:00:00.000Z' },
      });
    }
    const claims = (await engine.store.readStream(customerStreamId(customerId))).filter(
      (e) => e.type === 'OwnershipAssigned',
    );
    expect(claims).toHaveLength(1);

    await engine.settle();
    const { body } = await engine.http().get(`/customers/${customerId}`).set('Authorization', manager).expect(200);
    expect(body.owner.repId).toBe(winner);
    expect(body.ownership).toEqual([expect.objectContaining({ repId: winner, via: 'claim', to: null })]);
  });

  it('refuses a claim on a customer a colleague protects, naming the owner and the end of protection', async () => {
    await registerRep('rep-li');
    await registerRep('rep-wang');
    const walkIn = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({
        channel: 'walk-in',
        contact: { phone: '13900000002' },
        receivedBy: 'rep-wang',
        occurredAt: '2026-11-02T10:00:00+08:00',
      })
      .expect(201);
    const li = await repKey('rep-li');
    await engine.settle();
    const before = await engine.store.headPosition();

    const refused = await claim(walkIn.body.customerId, li).expect(409);

    expect(refused.body).toMatchObject({
      code: 'CustomerProtected',
      current: { ownerId: 'rep-wang', protectedUntil: '2026-12-02T02:00:00.000Z' },
    });
    expect(await engine.store.headPosition()).toBe(before);
  });

  it('refuses a claim by a rep who has departed', async () => {
    const customerId = await unownedCustomer('13900000003');
    await registerRep('rep-gone');
    const ownKey = await repKey('rep-gone');
    await onRep('rep-gone', { kind: 'DepartRep', mode: 'release', successor: null, reason: 'resigned' });

    // Their own key opens nothing any more (auth.e2e-spec.ts); a manager claiming for them is refused by the rule.
    await claim(customerId, ownKey).expect(401);
    const manager = `Bearer ${await engine.key('manager')}`;
    const refused = await claim(customerId, manager, { repId: 'rep-gone' }).expect(409);

    expect(refused.body).toMatchObject({ code: 'RepDeparted', current: { repId: 'rep-gone' } });
  });

  it('lets a manager claim for a named rep, and needs that rep to be registered', async () => {
    const customerId = await unownedCustomer('13900000004');
    await registerRep('rep-zhou');
    const missing = await claim(customerId, manager).expect(400);
    expect(missing.body.problems).toEqual([expect.objectContaining({ field: 'repId' })]);
    await claim(customerId, manager, { repId: 'rep-nobody' }).expect(404);

    const { body } = await claim(customerId, manager, { repId: 'rep-zhou' }).expect(200);

    expect(body.owner).toMatchObject({ repId: 'rep-zhou', via: 'claim' });
  });

  it('forbids a rep to claim for a colleague', async () => {
    const customerId = await unownedCustomer('13900000005');
    await registerRep('rep-sun');
    const sun = await repKey('rep-sun');
    await engine.settle();
    const before = await engine.store.headPosition();

    await claim(customerId, sun, { repId: 'rep-li' }).expect(403);

    expect(await engine.store.headPosition()).toBe(before);
  });

  it('keeps the previous owner from claiming a released customer back during the cool-down', async () => {
    const customerId = await unownedCustomer('13900000006');
    await registerRep('rep-qian');
    const key = await repKey('rep-qian');
    await claim(customerId, key).expect(200);
    await handleCommand(
      engine.store,
      customerStreamId(customerId),
      customerDecider,
      { kind: 'ReleaseCustomer', at: '2026-11-02T05:00:00.000Z', reason: 'owner-released' },
      { ...context, actorId: 'rep-qian', actorRole: 'rep', occurredAt: '2026-11-02T05:00:00.000Z', correlationId: 'r' },
    );
    clock.set('2026-11-03T00:00:00.000Z');

    const refused = await claim(customerId, key).expect(409);

    expect(refused.body).toMatchObject({
      code: 'ReclaimTooSoon',
      current: { releasedAt: '2026-11-02T05:00:00.000Z', canReclaimFrom: '2026-11-09T05:00:00.000Z' },
    });
  });

  it('answers 404 for a customer that does not exist', async () => {
    await claim('no-such-customer', await repKey('rep-li')).expect(404);
  });
});
