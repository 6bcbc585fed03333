import { ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, registerReps } from './support/sales-team';

/**
 * A month of routing as it happens: two pools with different strategies, a cap, a pause and a
 * weight change in the middle, repeat customers, walk-ins and declined leads. Every assignment
 * the month produced must replay identically from the log.
 */
describe('replaying every assignment of a month', () => {
  const clock = new ManualClock('2026-10-01T01:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let service: string;
  let reps: Record<string, string>;
  const leadIds: string[] = [];

  const as = (auth: string) => ({
    post: (path: string, body: object) => engine.http().post(path).set('Authorization', auth).send(body),
    patch: (path: string, body: object) => engine.http().patch(path).set('Authorization', auth).send(body),
    get: (path: string) => engine.http().get(path).set('Authorization', auth),
  });

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    service = `Bearer ${await engine.key('service')}`;
    reps = await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c', 'rep-d']);
    const terms = { acceptanceSlaMinutes: 24 * 60, protectionDays: 60, protectionWarningDays: 5 };
    await createPool(engine, manager, {
      poolId: 'web',
      ...terms,
      members: [
        { repId: 'rep-a', weight: 2 },
        { repId: 'rep-b', weight: 1 },
        { repId: 'rep-c', weight: 1, dailyCap: 1 },
      ],
    });
    await createPool(engine, manager, {
      poolId: 'expo',
      strategy: 'least-assigned',
      ...terms,
      members: [{ repId: 'rep-b' }, { repId: 'rep-d' }],
    });

    let phone = 0;
    for (let day = 1; day <= 30; day++) {
      clock.set(`2026-10-${String(day).padStart(2, '0')}T02:00:00.000Z`);
      if (day === 10) await as(manager).post('/pools/web/members/rep-a/pause', { reason: 'annual leave' }).expect(200);
      if (day === 15) await as(manager).post('/pools/web/members/rep-a/resume', {}).expect(200);
      if (day === 20) await as(manager).patch('/pools/web/members/rep-b', { weight: 3 }).expect(200);
      const leads = [
        { channel: 'web-form', contact: { phone: `139 0000 ${String(++phone).padStart(4, '0')}` }, poolId: 'web' },
        { channel: 'web-form', contact: { phone: `139 0000 ${String(++phone).padStart(4, '0')}` }, poolId: 'web' },
        { channel: 'exhibition', contact: { phone: `139 0000 ${String(++phone).padStart(4, '0')}` }, poolId: 'expo' },
        // Every fifth day a customer from the first week comes back through the web form.
        ...(day % 5 === 0
          ? [{ channel: 'web-form', contact: { phone: `139 0000 ${String(day / 5).padStart(4, '0')}` }, poolId: 'web' }]
          : []),
        ...(day % 4 === 0
          ? [
              {
                channel: 'walk-in',
                contact: { phone: `139 0000 ${String(++phone).padStart(4, '0')}` },
                receivedBy: 'rep-d',
              },
            ]
          : []),
      ];
      for (const [i, lead] of leads.entries()) {
        const { body } = await as(service).post('/leads', lead).expect(201);
        leadIds.push(body.leadId);
        await engine.settle();
        // Every seventh day the second web lead is declined by whoever got it, so the pool re-routes it.
        if (day % 7 === 0 && i === 1 && body.repId) {
          await as(reps[body.repId]).post(`/leads/${body.leadId}/decline`, { reason: 'not my region' }).expect(200);
          await engine.settle();
        }
      }
    }
  });
  afterAll(async () => engine.close());

  it('replays every assignment identical to what was recorded', async () => {
    const outcomes: { rule: string; identical: boolean | null }[] = [];
    for (const leadId of leadIds) {
      const lead = (await as(manager).get(`/leads/${leadId}`).expect(200)).body;
      for (let n = 1; n <= lead.assignments.length; n++) {
        const { body } = await as(manager).get(`/leads/${leadId}/assignments/${n}/replay`).expect(200);
        if (body.identical === false) throw new Error(`${leadId} #${n}: ${JSON.stringify(body.differences)}`);
        outcomes.push({ rule: body.recorded.rule, identical: body.identical });
      }
    }

    const rules = new Set(outcomes.map((o) => o.rule));
    expect(outcomes.length).toBeGreaterThanOrEqual(leadIds.length);
    expect([...rules].sort()).toEqual(
      expect.arrayContaining(['existing-customer', 'pool-rotation', 'reassigned-after-decline', 'received-walk-in']),
    );
    expect(outcomes.every((o) => o.identical === true)).toBe(true);
  });
});
