import { PLAN_EXAMPLE } from '@leadledger/commissions';
import { ManualClock } from '@leadledger/kernel';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseCsv } from './support/csv-rows';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { bookedPlan, registerReps } from './support/sales-team';

interface Line {
  kind: string;
  amount: number;
  saleId: string | null;
  saleExternalId: string | null;
}
interface Payment {
  payee: { kind: string; id: string };
  amount: number;
  carriedIn: number;
  settledLines: Line[];
}
const sum = (lines: readonly { amount: number }[]) => lines.reduce((total, l) => total + l.amount, 0);

/**
 * Reading back what was paid, and finding sales by their contract numbers, through the
 * HTTP API on the real SQLite store: three months of commissions and three payout runs,
 * one of which pays a balance carried in negative from the month before.
 */
describe('payout runs read back, and sales by contract number', () => {
  let engine: EngineHarness;
  let clock: ManualClock;
  let admin: string;
  let finance: string;
  const customerOf: Record<string, string> = {};
  const saleIdOf: Record<string, string> = {};

  const post = (path: string, body: object, auth = admin) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = finance) => engine.http().get(path).set('Authorization', auth);
  const adjust = (payeeKind: string, payeeId: string, amount: number) =>
    post('/ledger/adjustments', { payeeKind, payeeId, amount, currency: 'CNY', reason: 'bonus review' }, finance);

  beforeAll(async () => {
    clock = new ManualClock('2026-09-20T00:00:00.000Z');
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    admin = `Bearer ${await engine.key('admin')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    await registerReps(engine, admin, ['rep-a', 'rep-b', 'rep-c']);
    await post('/commission-plans', bookedPlan(), finance).expect(201);
    clock.set('2026-10-02T02:00:00.000Z');
    const leads = [
      ['x', { channel: 'rep-sourced', receivedBy: 'rep-a', contact: { phone: '13900000011' } }],
      ['y', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000012' } }],
    ] as const;
    for (const [name, lead] of leads) customerOf[name] = (await post('/leads', lead).expect(201)).body.customerId;
    await engine.settle();
  });
  afterAll(async () => engine.close()); // runs the CLI's verify: it must exit 0

  const sale = (externalId: string, name: string, amount: number, closedAt: string, closingRepId: string) =>
    post('/sales', { externalId, customerId: customerOf[name], amount, currency: 'CNY', closedAt, closingRepId });

  it('records October, paying and refunding a sale named by its contract number', async () => {
    clock.set('2026-10-30T08:00:00.000Z');
    saleIdOf['SO-1'] = (
      await sale('SO-1', 'x', 1_000_000, '2026-10-05T10:00:00+08:00', 'rep-a').expect(201)
    ).body.sale.saleId;
    saleIdOf['SO-2'] = (
      await sale('SO-2', 'y', 2_000_000, '2026-10-08T10:00:00+08:00', 'rep-b').expect(201)
    ).body.sale.saleId;
    expect(saleIdOf['SO-1']).not.toBe('SO-1');

    const payment = { externalId: 'RC-1', amount: 1_000_000, currency: 'CNY', receivedAt: '2026-10-15T10:00:00+08:00' };
    const paid = (await post('/sales/SO-2/payments', payment, finance).expect(201)).body;
    expect(paid).toMatchObject({ sale: { saleId: saleIdOf['SO-2'], externalId: 'SO-2' }, collectedTotal: 1_000_000 });
    // The same receipt again, now by the engine's id: one payment, nothing new.
    const again = (await post(`/sales/${saleIdOf['SO-2']}/payments`, payment, finance).expect(201)).body;
    expect(again.collectedTotal).toBe(1_000_000);

    const refund = { externalId: 'RF-1', amount: 500_000, currency: 'CNY', reason: 'damaged' };
    const refunded = await post(
      '/sales/SO-2/refunds',
      { ...refund, refundedAt: '2026-10-20T10:00:00+08:00' },
      finance,
    ).expect(201);
    expect(refunded.body.commissionLines.at(-1)).toMatchObject({ kind: 'clawback', amount: -25_000 });
  });

  it('answers 404 for a write or a read naming no sale by either id', async () => {
    const payment = { externalId: 'RC-9', amount: 1, currency: 'CNY', receivedAt: '2026-10-15T10:00:00+08:00' };
    const missing = await post('/sales/SO-404/payments', payment, finance).expect(404);
    expect(missing.body.message).toContain('SO-404');
    await post('/sales/SO-404/cancellation', { reason: 'typo' }, finance).expect(404);
    await get('/sales/SO-404').expect(404);
  });

  it('finds a sale by its contract number, as a list of one or none', async () => {
    const found = (await get('/sales?externalId=SO-1').expect(200)).body;
    expect(found.sales).toHaveLength(1);
    expect(found.sales[0]).toMatchObject({ sale: { saleId: saleIdOf['SO-1'], externalId: 'SO-1' } });
    expect((await get('/sales/SO-1').expect(200)).body.sale.saleId).toBe(saleIdOf['SO-1']);
    expect((await get('/sales?externalId=SO-404').expect(200)).body).toEqual({ externalId: 'SO-404', sales: [] });
    const bad = await get('/sales').expect(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toContain('externalId');
  });

  it('pays October out, then refuses its preview with PeriodClosed pointing at the run', async () => {
    clock.set('2026-11-02T02:00:00.000Z');
    const run = (await post('/payout-runs', { period: '2026-10' }, finance).expect(201)).body;
    // The answer is the run as read back: each payment and what it settled, who ran it and when.
    expect(run).toEqual((await get('/payout-runs/2026-10').expect(200)).body);
    expect(run).toMatchObject({ period: '2026-10', closedAt: '2026-11-02T02:00:00.000Z', actor: { role: 'finance' } });
    expect(run.payments.length).toBeGreaterThan(0);
    const closed = await get('/payout-runs/2026-10/preview').expect(409);
    expect(closed.body).toMatchObject({
      code: 'PeriodClosed',
      current: {
        period: '2026-10',
        closedThrough: '2026-10',
        payoutRunId: 'payout-2026-10',
        payoutRun: '/payout-runs/2026-10',
      },
    });
    // An earlier period, never run on its own, was closed by the same run.
    const earlier = await get('/payout-runs/2026-09/preview').expect(409);
    expect(earlier.body.current).toMatchObject({ payoutRunId: 'payout-2026-10' });
    expect((await get('/payout-runs/2026-11/preview').expect(200)).body.payouts).toEqual([]);
  });

  it('runs November (rep-b negative, carried) and December (rep-b paid net of it, a partner paid)', async () => {
    clock.set('2026-11-10T02:00:00.000Z');
    await sale('SO-3', 'x', 500_000, '2026-11-05T10:00:00+08:00', 'rep-a').expect(201);
    await adjust('rep', 'rep-b', -100_000).expect(201);
    clock.set('2026-12-02T02:00:00.000Z');
    await post('/payout-runs', { period: '2026-11' }, finance).expect(201);
    clock.set('2026-12-10T02:00:00.000Z');
    await adjust('rep', 'rep-b', 150_000).expect(201);
    await adjust('partner', 'bank-x', 10_000).expect(201);
    clock.set('2027-01-02T02:00:00.000Z');
    await post('/payout-runs', { period: '2026-12' }, admin).expect(201);
  });

  it('lists the runs newest first, a page at a time', async () => {
    const all = (await get('/payout-runs').expect(200)).body;
    expect(all.runs.map((r: { period: string }) => r.period)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(all.next).toBeNull();
    expect(all.runs[2]).toMatchObject({
      payoutRunId: 'payout-2026-10',
      previousPeriod: null,
      closedAt: '2026-11-02T02:00:00.000Z',
      actor: { role: 'finance' },
      payeesPaid: 2,
      totals: [{ currency: 'CNY', amount: 155_000 }],
    });
    expect(all.runs[0]).toMatchObject({ previousPeriod: '2026-11', actor: { role: 'admin' }, payeesPaid: 2 });

    const first = (await get('/payout-runs?limit=2').expect(200)).body;
    expect(first.runs.map((r: { period: string }) => r.period)).toEqual(['2026-12', '2026-11']);
    expect(first.next).toBe('2026-11');
    const second = (await get(`/payout-runs?limit=2&before=${first.next}`).expect(200)).body;
    expect(second).toMatchObject({ runs: [{ period: '2026-10' }], next: null });
    await get('/payout-runs?limit=0').expect(400);
    const bad = await get('/payout-runs?before=zzz').expect(400);
    expect(bad.body.problems).toEqual([{ field: 'before', problem: 'must be a month such as 2026-11' }]);
  });

  it('shows who was paid what in a run, and the statement lines each payment settled', async () => {
    const october = (await get('/payout-runs/2026-10').expect(200)).body;
    expect(october).toMatchObject({
      period: '2026-10',
      actor: { role: 'finance' },
      closedAt: '2026-11-02T02:00:00.000Z',
    });
    const [repA, repB] = october.payments as Payment[];
    expect(repA).toMatchObject({ payee: { kind: 'rep', id: 'rep-a' }, amount: 80_000, carriedIn: 0 });
    expect(repA.settledLines).toEqual([
      expect.objectContaining({ kind: 'accrual', amount: 80_000, saleId: saleIdOf['SO-1'], saleExternalId: 'SO-1' }),
    ]);
    expect(repB.settledLines.map((l) => [l.kind, l.amount, l.saleExternalId])).toEqual([
      ['accrual', 100_000, 'SO-2'],
      ['clawback', -25_000, 'SO-2'],
    ]);

    const december = (await get('/payout-runs/2026-12').expect(200)).body;
    const byPayee = Object.fromEntries((december.payments as Payment[]).map((p) => [p.payee.id, p]));
    expect(byPayee['rep-b']).toMatchObject({ amount: 50_000, carriedIn: -100_000 });
    expect(byPayee['rep-b'].settledLines.map((l) => [l.kind, l.amount])).toEqual([['adjustment', 150_000]]);
    expect(byPayee['bank-x']).toMatchObject({ payee: { kind: 'partner' }, amount: 10_000, carriedIn: 0 });
    // Every payment is exactly what it carried in plus the lines it settled.
    for (const run of [october, december, (await get('/payout-runs/2026-11').expect(200)).body])
      for (const p of run.payments as Payment[]) expect(p.carriedIn + sum(p.settledLines)).toBe(p.amount);
  });

  it('answers 404 for a period with no run of its own, 400 for a period not on the calendar', async () => {
    await get('/payout-runs/2026-09').expect(404);
    await get('/payout-runs/2027-01').expect(404);
    const bad = await get('/payout-runs/2026-13').expect(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ field: 'period' })]);
  });

  it('exports runs as CSV, by format, by Accept or by .csv, parsed back to the same figures', async () => {
    const list = await get('/payout-runs.csv')
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const listed = parseCsv(list.text);
    expect(listed.header.slice(0, 3)).toEqual(['payout_run_id', 'period', 'previous_period']);
    expect(listed.rows.map((r) => [r.period, r.currency, r.total_minor, r.actor_role])).toEqual([
      ['2026-12', 'CNY', '60000', 'admin'],
      ['2026-11', 'CNY', '40000', 'finance'],
      ['2026-10', 'CNY', '155000', 'finance'],
    ]);
    expect((await get('/payout-runs?format=csv').expect(200)).text).toBe(list.text);

    const byAccept = await get('/payout-runs/2026-10').set('Accept', 'text/csv').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/text\/csv/);
    expect((await get('/payout-runs/2026-10.csv').expect(200)).text).toBe(byAccept.text);
    expect((await get('/payout-runs/2026-10?format=csv').expect(200)).text).toBe(byAccept.text);
    const { rows } = parseCsv(byAccept.text);
    const repB = rows.filter((r) => r.payee_id === 'rep-b');
    expect(repB.map((r) => [r.row, r.kind, r.amount_minor, r.sale_external_id])).toEqual([
      ['payment', '', '75000', ''],
      ['line', 'accrual', '100000', 'SO-2'],
      ['line', 'clawback', '-25000', 'SO-2'],
    ]);
    expect(repB[1].arithmetic).toBe('20,000.00 x 5.00% x 1 = 1,000.00');

    const december = parseCsv((await get('/payout-runs/2026-12.csv').expect(200)).text).rows;
    const repBDecember = december.filter((r) => r.payee_id === 'rep-b');
    const payment = repBDecember.find((r) => r.row === 'payment');
    const settled = repBDecember.filter((r) => r.row === 'line').reduce((t, r) => t + Number(r.amount_minor), 0);
    expect(Number(payment?.carried_in_minor) + settled).toBe(Number(payment?.amount_minor));
  });

  it("answers 404 for the statement of a rep or partner nobody knows; a registered rep's is empty", async () => {
    await get('/reps/ghost/statements/2026-10').expect(404);
    await get('/partners/ghost/statements/2026-12').expect(404);
    const quiet = (await get('/reps/rep-c/statements/2026-10').expect(200)).body;
    expect(quiet).toMatchObject({ lines: [], totals: [] });
    const partner = (await get('/partners/bank-x/statements/2026-12').expect(200)).body;
    expect(partner.totals).toEqual([expect.objectContaining({ adjusted: 10_000, paid: -10_000, closingDue: 0 })]);
  });

  it("puts the sale's contract number beside the engine's id on statement lines and CSV rows", async () => {
    const statement = (await get('/reps/rep-b/statements/2026-10').expect(200)).body;
    expect(statement.lines.map((l: Line) => [l.saleId, l.saleExternalId])).toEqual([
      [saleIdOf['SO-2'], 'SO-2'],
      [saleIdOf['SO-2'], 'SO-2'],
      [null, null],
    ]);
    const csv = parseCsv((await get('/reps/rep-b/statements/2026-10').set('Accept', 'text/csv').expect(200)).text);
    expect(csv.header.at(-1)).toBe('sale_external_id');
    const lines = csv.rows.filter((r) => r.row === 'line');
    expect(lines.map((r) => [r.kind, r.sale_id, r.sale_external_id])).toEqual([
      ['accrual', saleIdOf['SO-2'], 'SO-2'],
      ['clawback', saleIdOf['SO-2'], 'SO-2'],
      ['payout', '', ''],
    ]);
  });

  it('writes a contract number a spreadsheet would run as a formula as text, with a leading quote', async () => {
    clock.set('2027-01-10T02:00:00.000Z');
    await sale('=1+2', 'x', 100_000, '2027-01-05T10:00:00+08:00', 'rep-a').expect(201);
    const csv = parseCsv((await get('/reps/rep-a/statements/2027-01?format=csv').expect(200)).text);
    expect(csv.rows.filter((r) => r.row === 'line').map((r) => r.sale_external_id)).toEqual(["'=1+2"]);
  });

  it('describes the plan body in the OpenAPI document, and that schema accepts a valid plan', async () => {
    const document = (await engine.http().get('/docs/openapi.json').expect(200)).body;
    const schema = document.paths['/commission-plans'].post.requestBody.content['application/json'].schema;
    expect(schema.properties.tiers.items.properties.multiplierBps.description).toMatch(/basis points/);
    expect(schema.properties.capPerSaleMinor.description).toMatch(/minor units/);
    const validate = addFormats(new Ajv({ strict: false })).compile(schema);
    expect(validate(PLAN_EXAMPLE)).toBe(true);
    expect(validate({ ...PLAN_EXAMPLE, ratesBps: { vip: 100 } })).toBe(false);
    for (const path of ['/payout-runs', '/payout-runs/{period}', '/sales'])
      expect(document.paths[path]?.get).toBeDefined();
  });
});
