import { ManualClock } from '@leadledger/kernel';
import { Scheduler } from '../../apps/engine/src/scheduler/scheduler.service';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, registerReps } from './support/sales-team';

const MINUTE = 60_000;

describe('the scheduler, on a fake clock', () => {
  let engine: EngineHarness;
  let clock: ManualClock;
  let manager: string;
  let repKey: Record<string, string>;

  beforeAll(async () => {
    clock = new ManualClock('2026-11-02T01:00:00.000Z');
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    manager = `Bearer ${await engine.key('manager')}`;
    repKey = await registerReps(engine, manager, ['rep-a', 'rep-b']);
    await createPool(engine, manager, {
      poolId: 'east',
      acceptanceSlaMinutes: 30,
      protectionDays: 10,
      protectionWarningDays: 3,
      members: [{ repId: 'rep-a' }, { repId: 'rep-b' }],
    });
  });
  afterAll(async () => engine.close());

  function post(path: string, body: object, auth = manager) {
    return engine.http().post(path).set('Authorization', auth).send(body);
  }
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);
  const runScheduler = async () => {
    const run = await engine.app.get(Scheduler).runOnce();
    await engine.settle();
    return run;
  };
  const customerEvents = async (customerId: string) =>
    (await engine.store.readStream(`customer-${customerId}`)).map((e) => e.type);
  const pushLead = async (phone: string) =>
    (await post('/leads', { channel: 'web-form', contact: { phone }, poolId: 'east' }).expect(201)).body;

  it('moves a lead nobody accepted within the SLA to the next rep, and says so in its trace', async () => {
    const lead = await pushLead('13800000001');
    expect(lead).toMatchObject({ status: 'assigned', repId: 'rep-a' });

    clock.advanceMs(29 * MINUTE);
    expect((await runScheduler()).expiredLeads).toEqual([]);

    clock.advanceMs(2 * MINUTE);
    expect((await runScheduler()).expiredLeads).toEqual([lead.leadId]);
    const { body } = await get(`/leads/${lead.leadId}`).expect(200);
    expect(body).toMatchObject({ status: 'assigned', repId: 'rep-b', passedOver: ['rep-a'] });
    const last = body.assignments.at(-1);
    expect(last).toMatchObject({ rule: 'reassigned-after-sla', repId: 'rep-b' });
    expect(last.pool.candidates.find((c: { repId: string }) => c.repId === 'rep-a')).toMatchObject({
      eligible: false,
      skippedBecause: 'passed-over',
    });
    // The customer the lead brought follows it: rep-a never accepted it.
    const customer = await get(`/customers/${lead.customerId}`).expect(200);
    expect(customer.body.ownership.at(-1)).toMatchObject({ repId: 'rep-b', to: null });
  });

  it('warns the owner of a customer with no follow-up, then releases the customer to the shared pool', async () => {
    clock.set('2026-11-03T01:00:00.000Z');
    const lead = await pushLead('13800000002');
    await post(`/leads/${lead.leadId}/accept`, {}, repKey[lead.repId]).expect(200);

    clock.set('2026-11-09T23:59:00.000Z'); // a minute before the warning (protection ends 11-13 01:00, warning 3 days before)
    expect((await runScheduler()).warnedCustomers).not.toContain(lead.customerId);

    clock.set('2026-11-10T01:00:00.000Z');
    expect((await runScheduler()).warnedCustomers).toContain(lead.customerId);
    expect((await runScheduler()).warnedCustomers).not.toContain(lead.customerId); // once per protection window

    clock.set('2026-11-13T01:00:00.000Z');
    expect((await runScheduler()).releasedCustomers).toContain(lead.customerId);
    expect(await customerEvents(lead.customerId)).toEqual([
      'CustomerRegistered',
      'OwnershipAssigned',
      'ProtectionWarningIssued',
      'CustomerReleased',
    ]);
    const customer = await get(`/customers/${lead.customerId}`).expect(200);
    expect(customer.body.ownership.at(-1)).toMatchObject({ repId: lead.repId, to: '2026-11-13T01:00:00.000Z' });
  });

  it('lets a follow-up between the warning and the release reset both', async () => {
    clock.set('2026-11-20T01:00:00.000Z');
    const lead = await pushLead('13800000003');
    const owner = repKey[lead.repId];
    await post(`/leads/${lead.leadId}/accept`, {}, owner).expect(200);

    clock.set('2026-11-27T01:00:00.000Z');
    expect((await runScheduler()).warnedCustomers).toContain(lead.customerId);

    clock.set('2026-11-28T09:00:00.000Z');
    await post(
      `/customers/${lead.customerId}/follow-ups`,
      { kind: 'visit', note: 'quoted the new line' },
      owner,
    ).expect(201);

    clock.set('2026-11-30T01:00:00.000Z'); // the old release time: protection now runs to 12-08 09:00
    const atOldEnd = await runScheduler();
    expect(atOldEnd.releasedCustomers).not.toContain(lead.customerId);
    expect(atOldEnd.warnedCustomers).not.toContain(lead.customerId);

    clock.set('2026-12-05T09:00:00.000Z'); // three days before the new end: a new warning
    expect((await runScheduler()).warnedCustomers).toContain(lead.customerId);
    clock.set('2026-12-08T09:00:00.000Z');
    expect((await runScheduler()).releasedCustomers).toContain(lead.customerId);
    expect(await customerEvents(lead.customerId)).toEqual([
      'CustomerRegistered',
      'OwnershipAssigned',
      'ProtectionWarningIssued',
      'FollowUpLogged',
      'ProtectionWarningIssued',
      'CustomerReleased',
    ]);
  });

  it('writes what it decided with the time it decided it, so a replay never needs the clock', async () => {
    const released = await engine.store.readAll({ maxCount: 1000, filter: { eventTypes: ['CustomerReleased'] } });
    // The first test's customer ran out at the same sweep as the second's.
    expect(released.map((e) => e.data.at)).toEqual([
      '2026-11-13T01:00:00.000Z',
      '2026-11-13T01:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
    ]);
    for (const event of released) {
      expect(event.metadata).toMatchObject({ occurredAt: event.data.at, actorId: 'system:scheduler' });
    }
  });

  it('hands a lead queued by a full day out the next business day, to the member whose cap reset', async () => {
    await registerReps(engine, manager, ['rep-c']);
    await createPool(engine, manager, {
      poolId: 'capped',
      acceptanceSlaMinutes: 30,
      protectionDays: 10,
      protectionWarningDays: 3,
      members: [{ repId: 'rep-c', dailyCap: 1 }],
    });
    const push = async (phone: string) =>
      (await post('/leads', { channel: 'web-form', contact: { phone }, poolId: 'capped' }).expect(201)).body;
    expect(await push('13800000101')).toMatchObject({ status: 'assigned', repId: 'rep-c' });
    const waiting = await push('13800000102');
    expect(waiting).toMatchObject({ status: 'queued' });
    // The queued lead says who was skipped and why, in its history and its timeline.
    const queued = waiting.history.find((e: { type: string }) => e.type === 'LeadQueued');
    expect(queued.data.pool.candidates).toEqual([
      expect.objectContaining({ repId: 'rep-c', eligible: false, skippedBecause: 'daily-cap' }),
    ]);
    const timeline = (await get(`/leads/${waiting.leadId}/timeline`).expect(200)).body.entries;
    expect(timeline.map((e: { sentence: string }) => e.sentence)).toContainEqual(
      'The lead waits in pool capped’s queue: no pool member was eligible (rep-c skipped: daily cap reached (1 today))',
    );
    expect((await runScheduler()).drainedLeads).toEqual([]);

    // A day later is a new business day: rep-c may take one lead again.
    clock.advanceMs(24 * 60 * MINUTE);
    expect((await runScheduler()).drainedLeads).toEqual([waiting.leadId]);
    const { body } = await get(`/leads/${waiting.leadId}`).expect(200);
    expect(body).toMatchObject({ status: 'assigned', repId: 'rep-c' });
    expect(body.assignments.at(-1)).toMatchObject({ rule: 'pool-rotation', repId: 'rep-c' });
    expect((await runScheduler()).drainedLeads).toEqual([]);
  });

  it('warns an owner whose warning window passed while nothing ran, and releases only after the notice', async () => {
    clock.set('2027-01-04T01:00:00.000Z');
    const lead = await pushLead('13800000004');
    const owner = repKey[lead.repId];
    await post(`/leads/${lead.leadId}/accept`, {}, owner).expect(200);

    // The engine was down from before the warning (due 01-11 01:00) until after the end (01-14 01:00).
    clock.set('2027-01-15T06:00:00.000Z');
    const late = await runScheduler();
    expect(late.warnedCustomers).toContain(lead.customerId);
    expect(late.releasedCustomers).not.toContain(lead.customerId);
    const warning = (await engine.store.readStream(`customer-${lead.customerId}`)).at(-1);
    expect(warning).toMatchObject({
      type: 'ProtectionWarningIssued',
      data: { protectedUntil: '2027-01-18T06:00:00.000Z', extendedFrom: '2027-01-14T01:00:00.000Z' },
    });
    const { body } = await get(`/customers/${lead.customerId}`).expect(200);
    expect(body.owner).toMatchObject({ repId: lead.repId, protectedUntil: '2027-01-18T06:00:00.000Z', warned: true });
    const colleague = lead.repId === 'rep-a' ? 'rep-b' : 'rep-a';
    await post(`/customers/${lead.customerId}/claim`, {}, repKey[colleague]).expect(409);

    clock.set('2027-01-18T06:00:00.000Z');
    expect((await runScheduler()).releasedCustomers).toContain(lead.customerId);
    expect(await customerEvents(lead.customerId)).toEqual([
      'CustomerRegistered',
      'OwnershipAssigned',
      'ProtectionWarningIssued',
      'CustomerReleased',
    ]);
  });
});
