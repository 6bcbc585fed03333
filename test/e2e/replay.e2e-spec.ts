import { ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, registerReps } from './support/sales-team';

describe('replaying an assignment from the log, beside what was recorded', () => {
  const clock = new ManualClock('2026-11-20T02:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let reps: Record<string, string>;
  let service: string;

  const pushLead = async (lead: object) =>
    (await engine.http().post('/leads').set('Authorization', service).send(lead).expect(201)).body;
  const replay = (leadId: string, n: number | string, auth = manager) =>
    engine.http().get(`/leads/${leadId}/assignments/${n}/replay`).set('Authorization', auth);

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    service = `Bearer ${await engine.key('service')}`;
    reps = await registerReps(engine, manager, ['rep-wang', 'rep-li', 'rep-zhao']);
    await createPool(engine, manager, {
      poolId: 'web',
      acceptanceSlaMinutes: 60,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [
        { repId: 'rep-wang', weight: 2 },
        { repId: 'rep-li', weight: 1 },
      ],
    });
  });
  afterAll(async () => engine.close());

  it('recomputes each pool rotation identically, with the policy version in force then', async () => {
    const leads = [];
    for (const n of [1, 2, 3])
      leads.push(await pushLead({ channel: 'web-form', contact: { phone: `138 0013 800${n}` }, poolId: 'web' }));
    await engine.settle();

    for (const lead of leads) {
      const { body } = await replay(lead.leadId, 1).expect(200);
      expect(body).toMatchObject({
        identical: true,
        differences: [],
        recorded: { rule: 'pool-rotation', repId: lead.repId },
        replayed: { rule: 'pool-rotation', repId: lead.repId },
        inputs: { lead: { channel: 'web-form', poolId: 'web' }, pool: { poolId: 'web', policyVersion: 3 } },
      });
    }
    // Weights 2 and 1: Wang twice, then Li; the pool had 3 configuration events and the earlier leads before each.
    expect(leads.map((l) => l.repId)).toEqual(['rep-wang', 'rep-wang', 'rep-li']);
    const third = await replay(leads[2].leadId, 1).expect(200);
    expect(third.body.inputs.pool.eventsReplayed).toBe(5);
  });

  it('replays a re-route after a decline with the declining rep passed over', async () => {
    const lead = await pushLead({ channel: 'web-form', contact: { phone: '138 0013 8010' }, poolId: 'web' });
    await engine.settle();
    await engine
      .http()
      .post(`/leads/${lead.leadId}/decline`)
      .set('Authorization', reps[lead.repId])
      .send({ reason: 'outside my territory' })
      .expect(200);
    await engine.settle();

    const { body } = await replay(lead.leadId, 2).expect(200);

    expect(body.identical).toBe(true);
    expect(body.recorded.repId).not.toBe(lead.repId);
    expect(body.replayed.repId).toBe(body.recorded.repId);
    expect(body.replayed.poolTrace.candidates.find((c: { repId: string }) => c.repId === lead.repId)).toMatchObject({
      eligible: false,
      skippedBecause: 'passed-over',
    });
  });

  it('replays the routing rules: the receiver of a walk-in, then the owner for the customer’s next lead', async () => {
    const walkIn = await pushLead({ channel: 'walk-in', contact: { phone: '138 0013 8020' }, receivedBy: 'rep-zhao' });
    await engine.settle();
    const again = await pushLead({ channel: 'web-form', contact: { phone: '138 0013 8020' }, poolId: 'web' });
    await engine.settle();

    const first = await replay(walkIn.leadId, 1).expect(200);
    const second = await replay(again.leadId, 1).expect(200);

    expect(first.body).toMatchObject({
      identical: true,
      recorded: { rule: 'received-walk-in', repId: 'rep-zhao' },
      replayed: { rule: 'received-walk-in', repId: 'rep-zhao' },
      inputs: { customer: { ownerId: null }, pool: null },
    });
    expect(second.body).toMatchObject({
      identical: true,
      recorded: { rule: 'existing-customer', repId: 'rep-zhao' },
      inputs: { customer: { customerId: walkIn.customerId, ownerId: 'rep-zhao' } },
    });
  });

  it('lets a rep replay their own lead only, and answers 404 past the last assignment and 400 for a bad n', async () => {
    const lead = await pushLead({ channel: 'walk-in', contact: { phone: '138 0013 8030' }, receivedBy: 'rep-li' });
    await engine.settle();

    await replay(lead.leadId, 1, reps['rep-li']).expect(200);
    await replay(lead.leadId, 1, reps['rep-wang']).expect(403);
    await replay(lead.leadId, 2).expect(404);
    await replay('no-such-lead', 1).expect(404);
    for (const n of ['first', 0, -1]) {
      const bad = await replay(lead.leadId, n).expect(400);
      expect(bad.body.problems).toEqual([
        { field: 'n', problem: 'must be a whole number: which assignment of the lead, 1 for the first' },
      ]);
    }
  });
});
