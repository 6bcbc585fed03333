import { ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

interface Line {
  readonly lineId: string;
  readonly kind: string;
  readonly rule: string;
  readonly role: string | null;
  readonly period: string;
  readonly naturalPeriod: string;
  readonly multiplierBps: number | null;
  readonly payee: { kind: string; id: string };
}

/**
 * A small month of commissions through the API (two plan versions, a tier, a finder split, a
 * minimum top-up, payments, refunds, an adjustment, a payout run and a late refund); then every
 * line on every statement replayed through GET /ledger/lines/:id/replay, all identical.
 */
describe('replaying the ledger lines of a month', () => {
  const clock = new ManualClock('2026-09-20T00:00:00.000Z');
  let engine: EngineHarness;
  let admin: string;
  let finance: string;
  let manager: string;
  let rep: Record<string, string>;
  const customerOf: Record<string, string> = {};
  const saleOf: Record<string, string> = {};
  const lines: Line[] = [];

  const post = (path: string, body: object, auth = admin) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = finance) => engine.http().get(path).set('Authorization', auth);
  const replay = (lineId: string, auth = finance) => get(`/ledger/lines/${encodeURIComponent(lineId)}/replay`, auth);

  const plan = {
    planId: 'sales-2026',
    currency: 'CNY',
    periodLength: 'month',
    timeZone: 'Asia/Shanghai',
    newCustomerWindowDays: 90,
    clawbackWindowDays: 60,
    rounding: 'half-up',
  };

  beforeAll(async () => {
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    admin = `Bearer ${await engine.key('admin')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    manager = `Bearer ${await engine.key('manager')}`;
    rep = await registerReps(engine, admin, ['rep-a', 'rep-b', 'rep-c']);

    // v1, booked: 8% / 5% / 3%, x1.5 above 50,000.00 in the month, the finder 30%, at least 500.00 a sale.
    await post(
      '/commission-plans',
      {
        ...plan,
        version: 1,
        effectiveFrom: '2026-10-01T00:00:00+08:00',
        basis: 'booked',
        ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
        finderShareBps: 3000,
        tiers: [{ aboveMinor: 5_000_000, multiplierBps: 15_000 }],
        minimumPerSaleMinor: 50_000,
      },
      finance,
    ).expect(201);
    // v2 from 16 October, collected: 10% / 6% / 3%, the finder 20%.
    await post(
      '/commission-plans',
      {
        ...plan,
        version: 2,
        effectiveFrom: '2026-10-16T00:00:00+08:00',
        basis: 'collected',
        ratesBps: { 'new-rep-sourced': 1000, 'new-company-provided': 600, existing: 300 },
        finderShareBps: 2000,
      },
      finance,
    ).expect(201);

    clock.set('2026-10-02T02:00:00.000Z');
    const leads = [
      ['x', { channel: 'rep-sourced', receivedBy: 'rep-a', contact: { phone: '13900000011' } }],
      ['y', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000012' } }],
      ['z', { channel: 'walk-in', receivedBy: 'rep-c', contact: { phone: '13900000013' } }],
    ] as const;
    for (const [name, lead] of leads) customerOf[name] = (await post('/leads', lead).expect(201)).body.customerId;
    await engine.settle();
    clock.set('2026-10-10T02:00:00.000Z');
    await post(`/customers/${customerOf.z}/transfer`, { toRepId: 'rep-a', reason: 'key account' }).expect(200);

    clock.set('2026-10-30T08:00:00.000Z');
    const sale = async (externalId: string, name: string, amount: number, closedAt: string, closingRepId: string) => {
      const body = { externalId, customerId: customerOf[name], amount, currency: 'CNY', closedAt, closingRepId };
      saleOf[externalId] = (await post('/sales', body).expect(201)).body.sale.saleId;
    };
    await sale('SO-1', 'x', 10_000_000, '2026-10-05T10:00:00+08:00', 'rep-a');
    await sale('SO-2', 'y', 2_000_000, '2026-10-08T10:00:00+08:00', 'rep-b');
    await sale('SO-4', 'y', 500_000, '2026-10-09T10:00:00+08:00', 'rep-b');
    await sale('SO-3', 'z', 3_000_000, '2026-10-20T10:00:00+08:00', 'rep-a');
    const pay = (externalId: string, amount: number, receivedAt: string) =>
      post(`/sales/${saleOf['SO-3']}/payments`, { externalId, amount, currency: 'CNY', receivedAt }, finance).expect(
        201,
      );
    await pay('RC-1', 1_000_000, '2026-10-25T10:00:00+08:00');
    await pay('RC-2', 2_000_000, '2026-10-28T10:00:00+08:00');
    const refund = (sale: string, externalId: string, amount: number, refundedAt: string) =>
      post(
        `/sales/${saleOf[sale]}/refunds`,
        { externalId, amount, currency: 'CNY', refundedAt, reason: 'returned goods' },
        finance,
      ).expect(201);
    await refund('SO-2', 'RF-1', 500_000, '2026-10-30T10:00:00+08:00');

    clock.set('2026-11-02T02:00:00.000Z');
    await post('/payout-runs', { period: '2026-10' }, finance).expect(201);
    clock.set('2026-11-03T02:00:00.000Z');
    // Dated October, recorded after October closed: posted to November.
    await refund('SO-1', 'RF-2', 1_000_000, '2026-10-31T10:00:00+08:00');
    await post(
      '/ledger/adjustments',
      { payeeKind: 'rep', payeeId: 'rep-c', amount: 5_000, currency: 'CNY', reason: 'missed exhibition bonus' },
      finance,
    ).expect(201);
    await engine.settle();

    for (const repId of ['rep-a', 'rep-b', 'rep-c'])
      for (const period of ['2026-10', '2026-11'])
        lines.push(...(await get(`/reps/${repId}/statements/${period}`).expect(200)).body.lines);
  });
  afterAll(async () => engine.close());

  it('replays every line of the month identical, with its arithmetic step by step', async () => {
    const kinds = new Set<string>();
    for (const line of lines) {
      const { body } = await replay(line.lineId).expect(200);
      if (!body.identical) throw new Error(`${line.lineId}: ${JSON.stringify(body.differences)}`);
      expect(body.replayed).toEqual(body.recorded);
      expect(body.steps.at(-1).step).toBe('line');
      kinds.add(`${line.kind}/${line.rule}/${line.role ?? '-'}`);
    }
    expect(lines.length).toBeGreaterThanOrEqual(14);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'accrual/minimum/owner',
        'accrual/rate/finder',
        'accrual/rate/owner',
        'adjustment/adjustment/-',
        'clawback/rate/owner',
        'payout/payout/-',
      ]),
    );
  });

  it("cuts the tier on the base the ledger's tier history had before the sale (nothing yet)", async () => {
    const tiered = lines.find((l) => l.multiplierBps === 15_000)!;
    const { body } = await replay(tiered.lineId).expect(200);
    expect(body.recorded).toMatchObject({ amount: 600_000, base: 5_000_000 });
    expect(body.inputs).toMatchObject({
      tierBase: { repId: 'rep-a', period: '2026-10', base: 0, setAtPosition: null },
      plan: { planId: 'sales-2026', version: 1 },
      limits: [],
    });
    expect(body.steps.map((s: { step: string }) => s.step)).toEqual([
      'plan',
      'attribution',
      'base',
      'rate',
      'tier',
      'split',
      'posting period',
      'line',
    ]);
    // One subject's streams, not the log: the sale, the plan book, the customer, its lead, the periods.
    const streams = body.reads.streams.map((s: { streamId: string }) => s.streamId);
    expect(streams).toHaveLength(5);
    expect(streams).toEqual(
      expect.arrayContaining([
        'commission-periods',
        'commission-plans',
        `customer-${customerOf.x}`,
        expect.stringMatching(/^lead-/),
        `sale-${saleOf['SO-1']}`,
      ]),
    );
  });

  it('replays a late clawback to the period it was posted to, naming the closed one', async () => {
    const late = lines.find((l) => l.kind === 'clawback' && l.period !== l.naturalPeriod)!;
    const { body } = await replay(late.lineId).expect(200);
    expect(body).toMatchObject({ identical: true, recorded: { period: '2026-11', naturalPeriod: '2026-10' } });
    expect(body.inputs.closedThrough).toBe('2026-10');
  });

  it('lets finance, managers and admins replay any line, and a rep only their own', async () => {
    const ofRepB = lines.find((l) => l.payee.id === 'rep-b')!;
    const ofRepA = lines.find((l) => l.payee.id === 'rep-a')!;
    await replay(ofRepB.lineId, manager).expect(200);
    await replay(ofRepB.lineId, admin).expect(200);
    await replay(ofRepB.lineId, rep['rep-b']).expect(200);
    await replay(ofRepA.lineId, rep['rep-b']).expect(403);
    await replay(ofRepA.lineId, `Bearer ${await engine.key('service')}`).expect(403);
    await engine.http().get(`/ledger/lines/${ofRepA.lineId}/replay`).expect(401);
  });

  it('answers 404 for a line the ledger does not hold and 400 for an id that is not a line id', async () => {
    const unknown = await replay('0192f3a1-7c2e-7b3d-9a4f-1e2d3c4b5a69:0').expect(404);
    expect(unknown.body.message).toBe('ledger line 0192f3a1-7c2e-7b3d-9a4f-1e2d3c4b5a69:0 was not found');
    const bad = await replay('not-a-line').expect(400);
    expect(bad.body.problems).toEqual([{ field: 'id', problem: 'must be a ledger line id: <source event id>:<n>' }]);
    await replay(`${lines[0].lineId.split(':')[0]}:01`).expect(400);
  });
});
