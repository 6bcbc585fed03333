import { handleCommand } from '@leadledger/event-store';
import { ManualClock } from '@leadledger/kernel';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, publishClaimRules, registerReps } from './support/sales-team';

/**
 * A lead whose customer went back to the shared pool (公海) brings the customer with it when it
 * is claimed: the shared pool's rules hold for it as for a claim of the customer itself.
 */
describe('claiming a lead whose customer is in the shared pool', () => {
  const clock = new ManualClock('2026-11-02T02:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let rep: Record<string, string>;

  const post = (path: string, body: object, auth = manager) =>
    engine.http().post(path).set('Authorization', auth).send(body);

  /** A walk-in the rep received and then let go: the customer in the shared pool, the lead free to claim. */
  async function releasedWalkIn(repId: string, phone: string): Promise<{ leadId: string; customerId: string }> {
    const lead = (await post('/leads', { channel: 'walk-in', contact: { phone }, receivedBy: repId }).expect(201)).body;
    await post(`/customers/${lead.customerId}/release`, { reason: 'not interested' }, rep[repId]).expect(200);
    // What a departure with mode release does to the rep's leads: the lead goes back, nobody holds it.
    const context = { actorId: 'admin-test', actorRole: 'admin', occurredAt: clock.now().toISOString() };
    const command = { kind: 'ReleaseLead', reason: 'owner-released' } as const;
    await handleCommand(engine.store, leadStreamId(lead.leadId), leadDecider, command, {
      ...context,
      correlationId: lead.leadId,
    });
    await engine.settle();
    return { leadId: lead.leadId, customerId: lead.customerId };
  }

  beforeAll(async () => {
    engine = await startEngine({ clock, env: { LEADLEDGER_RECLAIM_COOL_DOWN_DAYS: '7' } });
    manager = `Bearer ${await engine.key('manager')}`;
    rep = await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c']);
    await publishClaimRules(engine, manager, { claimsPerDay: 1, reclaimCoolDownDays: 7, maxCustomersPerRep: null });
  });
  afterAll(async () => engine.close());

  it('keeps the rep who let the customer go from taking it back through its lead during the cool-down', async () => {
    const { leadId, customerId } = await releasedWalkIn('rep-a', '13700000101');
    const before = await engine.store.headPosition();
    const { body } = await post(`/leads/${leadId}/claim`, {}, rep['rep-a']).expect(409);
    expect(body).toMatchObject({ code: 'ReclaimTooSoon', current: { rule: 'reclaimCoolDownDays', limit: 7 } });
    expect(await engine.store.headPosition()).toBe(before);
    const customer = await engine.http().get(`/customers/${customerId}`).set('Authorization', manager).expect(200);
    expect(customer.body.owner).toBeNull();
  });

  it('counts the claim against the day’s limit, as a claim of the customer is counted', async () => {
    const first = await releasedWalkIn('rep-a', '13700000102');
    const second = await releasedWalkIn('rep-a', '13700000103');
    const taken = await post(`/leads/${first.leadId}/claim`, {}, rep['rep-b']).expect(200);
    expect(taken.body).toMatchObject({ repId: 'rep-b' });
    const customer = await engine.http().get(`/customers/${first.customerId}`).set('Authorization', manager);
    expect(customer.body.owner).toMatchObject({ repId: 'rep-b', via: 'claim' });

    const before = await engine.store.headPosition();
    const { body } = await post(`/leads/${second.leadId}/claim`, {}, rep['rep-b']).expect(409);
    expect(body).toMatchObject({ code: 'DailyClaimLimitReached', current: { rule: 'claimsPerDay', limit: 1 } });
    expect(await engine.store.headPosition()).toBe(before);
    // The customer itself is refused the same way: the lead's claim was counted.
    await post(`/customers/${second.customerId}/claim`, {}, rep['rep-b']).expect(409);
  });

  it('counts nothing for a refused claim of a lead a colleague holds: the rep may still claim once that day', async () => {
    const { leadId, customerId } = await releasedWalkIn('rep-a', '13700000104');
    await post(`/leads/${leadId}/claim`, {}, rep['rep-c']).expect(200);
    const other = await releasedWalkIn('rep-a', '13700000105');
    clock.set('2026-11-03T02:00:00.000Z');
    // A new day for rep-b: the lead rep-c holds is not claimable, and the refusal counts for nothing.
    await post(`/leads/${leadId}/claim`, {}, rep['rep-b']).expect(409);
    await post(`/leads/${other.leadId}/claim`, {}, rep['rep-b']).expect(200);
    expect(customerId).not.toBe(other.customerId);
  });

  it('keeps the rep who let the customer go from taking it back by sourcing a lead for it during the cool-down', async () => {
    const { customerId } = await releasedWalkIn('rep-a', '13700000106');
    const sourced = { channel: 'rep-sourced', contact: { phone: '13700000106' } };
    const before = await engine.store.headPosition();
    const { body } = await post('/leads', sourced, rep['rep-a']).expect(409);
    expect(body).toMatchObject({ code: 'ReclaimTooSoon', current: { rule: 'reclaimCoolDownDays', limit: 7 } });
    expect(await engine.store.headPosition()).toBe(before);
    // A colleague who sourced it is not kept out: the cool-down is the former owner's.
    const other = await post('/leads', sourced, rep['rep-c']).expect(201);
    expect(other.body).toMatchObject({ customerId, repId: 'rep-c' });
  });

  it('counts a rep-sourced lead that takes a shared-pool customer against the day’s limit, as a claim', async () => {
    // rep-c's one claim of 3 November went on the sourced lead above.
    const { customerId } = await releasedWalkIn('rep-a', '13700000107');
    const sourced = { channel: 'rep-sourced', contact: { phone: '13700000107' } };
    const before = await engine.store.headPosition();
    const { body } = await post('/leads', sourced, rep['rep-c']).expect(409);
    expect(body).toMatchObject({ code: 'DailyClaimLimitReached', current: { rule: 'claimsPerDay', limit: 1 } });
    expect(await engine.store.headPosition()).toBe(before);

    clock.set('2026-11-04T02:00:00.000Z');
    const taken = await post('/leads', sourced, rep['rep-c']).expect(201);
    expect(taken.body).toMatchObject({ customerId, repId: 'rep-c' });
    // That was the day's claim: a claim of another shared-pool customer the same day is refused.
    const other = await releasedWalkIn('rep-a', '13700000108');
    const refused = await post(`/customers/${other.customerId}/claim`, {}, rep['rep-c']).expect(409);
    expect(refused.body).toMatchObject({ code: 'DailyClaimLimitReached' });
  });

  it('judges a walk-in or call a rep records with their own key as a claim; one the front desk records is not', async () => {
    const { customerId } = await releasedWalkIn('rep-a', '13700000111');
    const before = await engine.store.headPosition();
    for (const channel of ['walk-in', 'phone']) {
      const { body } = await post('/leads', { channel, contact: { phone: '13700000111' } }, rep['rep-a']).expect(409);
      expect(body).toMatchObject({ code: 'ReclaimTooSoon', current: { rule: 'reclaimCoolDownDays', limit: 7 } });
    }
    expect(await engine.store.headPosition()).toBe(before);
    // The customer did walk in: recorded by the manager (the front desk) for rep-a, it is rep-a's.
    const walkIn = { channel: 'walk-in', contact: { phone: '13700000111' }, receivedBy: 'rep-a' };
    const received = await post('/leads', walkIn).expect(201);
    expect(received.body).toMatchObject({ customerId, repId: 'rep-a' });
  });

  it('judges nothing when a rep enters a lead for a pool: the pool, not the rep, gets the customer', async () => {
    await createPool(engine, manager, {
      poolId: 'web',
      acceptanceSlaMinutes: 600,
      protectionDays: 30,
      protectionWarningDays: 3,
      members: [{ repId: 'rep-b' }],
    });
    const { customerId } = await releasedWalkIn('rep-a', '13700000112');
    // rep-a let it go within the cool-down; the web form they enter for it goes to the pool's rep-b.
    const entered = { channel: 'web-form', contact: { phone: '13700000112' }, poolId: 'web' };
    const { body } = await post('/leads', entered, rep['rep-a']).expect(201);
    expect(body).toMatchObject({ customerId, repId: 'rep-b' });
  });

  it('counts nothing for a rep-sourced lead of a new customer', async () => {
    clock.set('2026-11-05T02:00:00.000Z');
    const fresh = await post('/leads', { channel: 'rep-sourced', contact: { phone: '13700000109' } }, rep['rep-b']);
    expect(fresh.status).toBe(201);
    const { customerId } = await releasedWalkIn('rep-a', '13700000110');
    await post(`/customers/${customerId}/claim`, {}, rep['rep-b']).expect(200);
  });
});
