import { ManualClock } from '@leadledger/kernel';
import { tableDigest } from '@leadledger/projections';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { bookedPlan, createPool, registerReps } from './support/sales-team';

/** Every table of one SQLite file, as row counts and digests of its rows in canonical order. */
function digestOf(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    return tables.map(({ name }) => tableDigest(db, name));
  } finally {
    db.close();
  }
}

/**
 * Trying a change over history: a pool's cap from Wednesday over two days of real arrivals, and
 * a draft plan over March's sales, through the API on the real SQLite store; nothing either
 * answer computes is written, to the log or to any read model.
 */
describe('what-if over history', () => {
  let engine: EngineHarness;
  let clock: ManualClock;
  let admin: string;
  let manager: string;
  let finance: string;
  let service: string;
  let rep: Record<string, string>;
  const leadsOf: Record<string, string[]> = {};
  const saleIds: string[] = [];

  const post = (path: string, body: object, auth = admin) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const digests = () => ({
    events: digestOf(join(engine.dataDir, 'events.sqlite')),
    readModels: digestOf(join(engine.dataDir, 'read-models.sqlite')),
  });

  const plan = bookedPlan({ effectiveFrom: '2026-02-01T00:00:00+08:00' });
  const routingRequest = {
    poolId: 'east',
    from: '2026-03-02',
    to: '2026-03-05',
    changes: [{ kind: 'member', from: '2026-03-04', repId: 'rep-a', dailyCap: 2 }],
  };
  const planRequest = {
    period: '2026-03',
    plan: { ...plan, version: 2, ratesBps: { ...plan.ratesBps, 'new-company-provided': 600 } },
  };

  beforeAll(async () => {
    clock = new ManualClock('2026-03-01T00:00:00.000Z');
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    admin = `Bearer ${await engine.key('admin')}`;
    manager = `Bearer ${await engine.key('manager')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    service = `Bearer ${await engine.key('service')}`;
    rep = await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c']);
    await createPool(engine, manager, {
      poolId: 'east',
      acceptanceSlaMinutes: 600,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [
        { repId: 'rep-a', weight: 2 },
        { repId: 'rep-b', weight: 1 },
      ],
    });
    await post('/commission-plans', plan, finance).expect(201);
    // Six web-form leads on Monday 2 March and six on Wednesday 4 March, each a new customer.
    let phone = 13900000100;
    for (const day of ['2026-03-02', '2026-03-04']) {
      clock.set(`${day}T02:00:00.000Z`);
      leadsOf[day] = [];
      for (let i = 0; i < 6; i++) {
        const { body } = await post('/leads', {
          channel: 'web-form',
          poolId: 'east',
          contact: { phone: String(phone++) },
        }).expect(201);
        leadsOf[day].push(body.leadId);
      }
    }
    await engine.settle();
    // Two March sales to customers the pool brought: rep-a's and rep-b's.
    clock.set('2026-03-20T02:00:00.000Z');
    const leads = await Promise.all(
      leadsOf['2026-03-02'].map(
        async (id) => (await engine.http().get(`/leads/${id}`).set('Authorization', admin)).body,
      ),
    );
    for (const [externalId, repId, amount] of [
      ['SO-1', 'rep-a', 1_000_000],
      ['SO-2', 'rep-b', 2_000_000],
    ] as const) {
      const lead = leads.find((l) => l.repId === repId);
      const { body } = await post(
        '/sales',
        {
          externalId,
          customerId: lead.customerId,
          amount,
          currency: 'CNY',
          closedAt: '2026-03-19T10:00:00+08:00',
          closingRepId: repId,
        },
        finance,
      ).expect(201);
      saleIds.push(body.saleId);
    }
    clock.set('2026-04-02T02:00:00.000Z');
    await engine.settle();
  });
  afterAll(async () => engine.close()); // runs the CLI's verify: it must exit 0

  it('replays the pool with a daily cap of 2 for rep-a from Wednesday: Monday as it was, Wednesday 2/4', async () => {
    const { body } = await post('/what-if/routing', routingRequest, manager).expect(200);
    expect(body).toMatchObject({ poolId: 'east', from: '2026-03-02', to: '2026-03-05', changedLeads: 2 });
    expect(body.reps).toEqual([
      { repId: 'rep-a', actual: 8, whatIf: 6, difference: -2 },
      { repId: 'rep-b', actual: 4, whatIf: 6, difference: 2 },
    ]);
    expect(body.unassigned).toEqual({ actual: 0, whatIf: 0, difference: 0 });
    expect(body.leads.map((lead: { leadId: string }) => lead.leadId)).toEqual([
      ...leadsOf['2026-03-02'],
      ...leadsOf['2026-03-04'],
    ]);
    const monday = body.leads.slice(0, 6);
    expect(monday.every((lead: { changed: boolean }) => !lead.changed)).toBe(true);
    expect(body.leads[6]).toMatchObject({ arrivedAt: '2026-03-04T02:00:00.000Z', day: '2026-03-04' });
    expect(body.leads[6]).toEqual(expect.objectContaining({ actual: expect.any(String), whatIf: expect.any(String) }));
  });

  it('with no change, answers what happened, as the fairness report counts it', async () => {
    const { body } = await post('/what-if/routing', { ...routingRequest, changes: [] }, admin).expect(200);
    const fairness = await engine
      .http()
      .get('/pools/east/fairness?from=2026-03-02&to=2026-03-05')
      .set('Authorization', manager)
      .expect(200);
    const given = Object.fromEntries(
      fairness.body.members.map((m: { repId: string; leadsGiven: number }) => [m.repId, m.leadsGiven]),
    );
    expect(body.reps).toEqual([
      { repId: 'rep-a', actual: given['rep-a'], whatIf: given['rep-a'], difference: 0 },
      { repId: 'rep-b', actual: given['rep-b'], whatIf: given['rep-b'], difference: 0 },
    ]);
    expect(body.changedLeads).toBe(0);
  });

  it('applies a draft plan to March: rep-b’s new customer at 6.00% instead of 5.00%, actual as the ledger has it', async () => {
    const { body } = await post('/what-if/plans', planRequest, finance).expect(200);
    expect(body).toMatchObject({ period: '2026-03', draft: { planId: 'sales-2026', version: 2, currency: 'CNY' } });
    expect(body.payees).toEqual([
      { payee: { kind: 'rep', id: 'rep-a' }, currency: 'CNY', actual: 50_000, whatIf: 60_000, difference: 10_000 },
      { payee: { kind: 'rep', id: 'rep-b' }, currency: 'CNY', actual: 100_000, whatIf: 120_000, difference: 20_000 },
    ]);
    expect(body.totals).toEqual([{ currency: 'CNY', actual: 150_000, whatIf: 180_000, difference: 30_000 }]);
    for (const sale of body.sales) {
      const recorded = await engine.http().get(`/sales/${sale.saleId}`).set('Authorization', finance).expect(200);
      const ledger = recorded.body.commissionLines.map((line: { arithmetic: string }) => line.arithmetic);
      expect(sale.actual.lines.map((line: { arithmetic: string }) => line.arithmetic)).toEqual(ledger);
    }
    const so1 = body.sales.find((sale: { externalId: string }) => sale.externalId === 'SO-1');
    expect(so1.whatIf.lines.map((line: { arithmetic: string }) => line.arithmetic)).toEqual([
      '10,000.00 x 6.00% x 1 = 600.00',
    ]);
    await post('/what-if/plans', planRequest, manager).expect(200);
  });

  it('writes nothing: the log and every read model are byte-identical before and after', async () => {
    await engine.settle();
    const before = digests();
    const head = await engine.store.headPosition();
    await post('/what-if/routing', routingRequest, manager).expect(200);
    await post('/what-if/plans', planRequest, finance).expect(200);
    await post('/what-if/routing', { ...routingRequest, poolId: 'west' }, manager).expect(404);
    await post('/what-if/plans', { ...planRequest, period: '2026-13' }, finance).expect(400);
    await engine.settle();
    expect(await engine.store.headPosition()).toBe(head);
    expect(digests()).toEqual(before);
    expect(before.events.find((table) => table.table === 'events')?.rows).toBeGreaterThan(0);
  });

  it('admits managers and admins to routing, finance too to plans, and nobody else', async () => {
    await post('/what-if/routing', routingRequest, finance).expect(403);
    await post('/what-if/routing', routingRequest, rep['rep-a']).expect(403);
    await post('/what-if/routing', routingRequest, service).expect(403);
    await post('/what-if/plans', planRequest, rep['rep-b']).expect(403);
    await post('/what-if/plans', planRequest, service).expect(403);
    await post('/what-if/plans', planRequest, admin).expect(200);
    await engine.http().post('/what-if/routing').send(routingRequest).expect(401);
  });

  it('answers bad routing input with 400 naming the field, and an unknown pool with 404', async () => {
    const problems = async (body: object) =>
      (await post('/what-if/routing', body, manager).expect(400)).body.problems.map((p: { field: string }) => p.field);
    expect(await problems({ ...routingRequest, to: '2026-04-15' })).toEqual(['to']);
    expect(await problems({ ...routingRequest, to: '2026-03-02', changes: [] })).toEqual(['to']);
    expect(await problems({ ...routingRequest, from: '2 March' })).toEqual(['from']);
    expect(await problems({ ...routingRequest, surprise: 1 })).toEqual(['surprise']);
    expect(
      await problems({
        ...routingRequest,
        changes: [{ kind: 'member', from: '2026-03-09', repId: 'rep-a', weight: 1 }],
      }),
    ).toEqual(['changes.0.from']);
    expect(await problems({ ...routingRequest, changes: [{ kind: 'member', repId: 'rep-a' }] })).toEqual([
      'changes.0.kind',
    ]);
    expect(await problems({ ...routingRequest, changes: [{ kind: 'member', repId: 'rep-a', weight: 0 }] })).toEqual([
      'changes.0.weight',
    ]);
    expect(await problems({ ...routingRequest, changes: [{ kind: 'member', repId: 'rep-x', weight: 1 }] })).toEqual([
      'changes.0.repId',
    ]);
    expect(await problems({ ...routingRequest, changes: [{ kind: 'member', repId: 'rep-c', dailyCap: 1 }] })).toEqual([
      'changes.0.weight',
    ]);
    expect(await problems({ ...routingRequest, changes: [{ kind: 'strategy' }] })).toEqual(['changes.0.strategy']);
    expect(new Set(await problems({ ...routingRequest, changes: 'all of them' }))).toEqual(new Set(['changes']));
    expect(await problems({ ...routingRequest, changes: [null, 3] })).toEqual(['changes.0', 'changes.1']);
    await post('/what-if/plans', [], finance).expect(400);
    await post('/what-if/plans', { period: 202603, plan: 'draft' }, finance).expect(400);
    const missing = await post('/what-if/routing', { ...routingRequest, poolId: 'west' }, manager).expect(404);
    expect(missing.body.message).toContain('west');
    // A rep who had left before the change's day cannot join the pool in the what-if either.
    const joinsWednesday = {
      ...routingRequest,
      changes: [{ kind: 'member', from: '2026-03-04', repId: 'rep-c', weight: 1 }],
    };
    await post('/what-if/routing', joinsWednesday, manager).expect(200);
    await post(
      '/reps/rep-c/departure',
      { mode: 'release', reason: 'moved to another branch', effectiveAt: '2026-03-03T12:00:00Z' },
      manager,
    ).expect(200);
    const gone = await post('/what-if/routing', joinsWednesday, manager).expect(400);
    expect(gone.body.problems).toEqual([
      { field: 'changes.0.repId', problem: "rep-c left on 2026-03-03, before the change's day 2026-03-04" },
    ]);
    const sameDay = { ...joinsWednesday, changes: [{ ...joinsWednesday.changes[0], from: '2026-03-03' }] };
    const onTheDay = await post('/what-if/routing', sameDay, manager).expect(400);
    expect(onTheDay.body.problems).toEqual([
      { field: 'changes.0.repId', problem: "rep-c left on 2026-03-03, the change's own day" },
    ]);
  });

  it('validates the draft as publishing would (400 naming plan.* fields), never publishes it, and 404s a period before any plan', async () => {
    const bad = await post(
      '/what-if/plans',
      { period: '2026-03', plan: { ...plan, finderShareBps: 12000, ratesBps: { vip: 100 } } },
      finance,
    ).expect(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['plan.finderShareBps', 'plan.ratesBps.vip']),
    );
    const noPlan = await post('/what-if/plans', { period: '2026-03' }, finance).expect(400);
    expect(noPlan.body.problems).toEqual([expect.objectContaining({ field: 'plan' })]);
    await post('/what-if/plans', { ...planRequest, period: '2026-Q1' }, finance).expect(400);
    await post('/what-if/plans', { ...planRequest, extra: true }, finance).expect(400);
    await post('/what-if/plans', { ...planRequest, period: '2025-12' }, finance).expect(404);
    const plans = await engine.http().get('/commission-plans').set('Authorization', finance).expect(200);
    expect(plans.body).toHaveLength(1);
  });
});
