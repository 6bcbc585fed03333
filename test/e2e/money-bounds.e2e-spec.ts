import { MAX_AMOUNT_MINOR, ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

const OVER = MAX_AMOUNT_MINOR + 1;
const TOO_BIG = 'must be at most 10000000000000 minor units (MAX_AMOUNT_MINOR)';

/**
 * Every amount the API takes is bounded by MAX_AMOUNT_MINOR (10^13 minor units): one above
 * is a 400 naming the field and the problem, and nothing is written; the bound itself is
 * taken, and the statement and reconciliation add such amounts exactly.
 */
describe('money at the bounds, through the API', () => {
  let engine: EngineHarness;
  let clock: ManualClock;
  let admin: string;
  let finance: string;
  let customerId: string;
  let saleId: string;

  const post = (path: string, body: object, auth = admin) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string) => engine.http().get(path).set('Authorization', finance);

  /** The request is a 400 with exactly these problems, and the log did not move. */
  async function refused(path: string, body: object, problems: { field: string; problem: string }[]) {
    const before = await engine.store.headPosition();
    const answer = await post(path, body, finance).expect(400);
    expect(answer.body.problems).toEqual(problems);
    expect(await engine.store.headPosition()).toBe(before);
  }

  const plan = {
    planId: 'everything',
    version: 1,
    effectiveFrom: '2026-10-01T00:00:00+08:00',
    currency: 'CNY',
    basis: 'booked',
    ratesBps: { 'new-rep-sourced': 10_000, 'new-company-provided': 10_000, existing: 10_000 },
    newCustomerWindowDays: 90,
    clawbackWindowDays: 60,
  };
  const sale = (externalId: string, amount: number, extra: object = {}) => ({
    externalId,
    customerId,
    amount,
    currency: 'CNY',
    closedAt: '2026-10-05T10:00:00+08:00',
    closingRepId: 'rep-a',
    ...extra,
  });

  beforeAll(async () => {
    clock = new ManualClock('2026-09-20T00:00:00.000Z');
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    admin = `Bearer ${await engine.key('admin')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    await registerReps(engine, admin, ['rep-a']);
  });
  afterAll(async () => engine.close());

  it('refuses a plan with any amount above 10^13, naming each field', async () => {
    await refused(
      '/commission-plans',
      {
        ...plan,
        flatPerSaleMinor: OVER,
        minimumPerSaleMinor: OVER,
        capPerSaleMinor: OVER,
        tiers: [{ aboveMinor: OVER, multiplierBps: 15_000 }],
        partnerFee: { shareBps: 500, basis: 'booked', minimumMinor: OVER },
      },
      [
        { field: 'flatPerSaleMinor', problem: TOO_BIG },
        { field: 'tiers.0.aboveMinor', problem: TOO_BIG },
        { field: 'capPerSaleMinor', problem: TOO_BIG },
        { field: 'minimumPerSaleMinor', problem: TOO_BIG },
        { field: 'partnerFee.minimumMinor', problem: TOO_BIG },
      ],
    );
  });

  it('takes a plan whose amounts are exactly 10^13', async () => {
    await post('/commission-plans', { ...plan, capPerSaleMinor: MAX_AMOUNT_MINOR }, finance).expect(201);
    clock.set('2026-10-02T02:00:00.000Z');
    const lead = await post('/leads', {
      channel: 'rep-sourced',
      receivedBy: 'rep-a',
      contact: { phone: '13900000001' },
    });
    customerId = lead.body.customerId;
    await engine.settle();
  });

  it('refuses a sale amount or cost above 10^13, and writes nothing', async () => {
    clock.set('2026-10-06T02:00:00.000Z');
    await refused('/sales', sale('SO-OVER', OVER), [{ field: 'amount', problem: `amount ${TOO_BIG}` }]);
    await refused('/sales', sale('SO-COST', 1_000, { cost: OVER }), [{ field: 'cost', problem: `cost ${TOO_BIG}` }]);
    expect((await get('/sales?externalId=SO-OVER').expect(200)).body.sales).toEqual([]);
  });

  it('takes two sales of exactly 10^13', async () => {
    saleId = (await post('/sales', sale('SO-1', MAX_AMOUNT_MINOR), finance).expect(201)).body.sale.saleId;
    await post('/sales', sale('SO-2', MAX_AMOUNT_MINOR), finance).expect(201);
  });

  it('refuses a payment, a refund or an adjustment above 10^13 either way, and writes nothing', async () => {
    const money = { currency: 'CNY', amount: OVER };
    await refused(`/sales/${saleId}/payments`, { ...money, externalId: 'R-1', receivedAt: '2026-10-05T12:00:00Z' }, [
      { field: 'amount', problem: `amount ${TOO_BIG}` },
    ]);
    await refused(
      `/sales/${saleId}/refunds`,
      { ...money, externalId: 'RF-1', refundedAt: '2026-10-05T12:00:00Z', reason: 'returned' },
      [{ field: 'amount', problem: `amount ${TOO_BIG}` }],
    );
    const adjustment = { payeeKind: 'rep', payeeId: 'rep-a', currency: 'CNY', reason: 'bonus' };
    await refused('/ledger/adjustments', { ...adjustment, amount: OVER }, [
      { field: 'amount', problem: `amount ${TOO_BIG}` },
    ]);
    await refused('/ledger/adjustments', { ...adjustment, amount: -OVER }, [
      { field: 'amount', problem: 'amount must be at least -10000000000000 minor units (MAX_AMOUNT_MINOR)' },
    ]);
  });

  it('adds amounts at the bound exactly on the statement, and reconciles', async () => {
    const adjustment = { payeeKind: 'rep', payeeId: 'rep-a', currency: 'CNY', reason: 'bonus' };
    await post('/ledger/adjustments', { ...adjustment, amount: MAX_AMOUNT_MINOR }, finance).expect(201);
    await post('/ledger/adjustments', { ...adjustment, amount: -1 }, finance).expect(201);
    const statement = (await get('/reps/rep-a/statements/2026-10').expect(200)).body;
    expect(statement.totals).toEqual([
      {
        currency: 'CNY',
        opening: 0,
        accrued: 2 * MAX_AMOUNT_MINOR,
        clawedBack: 0,
        adjusted: MAX_AMOUNT_MINOR - 1,
        paid: 0,
        closingDue: 3 * MAX_AMOUNT_MINOR - 1,
      },
    ]);
    const reconciliation = (await get('/reconciliation?period=2026-10').expect(200)).body;
    expect(reconciliation.matches).toBe(true);
    expect(reconciliation.totals[0]).toMatchObject({ closingDue: 3 * MAX_AMOUNT_MINOR - 1, matches: true });
    const preview = (await get('/payout-runs/2026-10/preview').expect(200)).body;
    expect(preview.payouts).toEqual([
      { payee: { kind: 'rep', id: 'rep-a' }, currency: 'CNY', amount: 3 * MAX_AMOUNT_MINOR - 1 },
    ]);
  });

  it('refuses to pay out a balance beyond the safe integers as one amount, and writes nothing', async () => {
    // 3 x 10^13 - 1 is due; 898 more adjustments of 10^13 take it to 9,010,000,000,000,000 - 1,
    // past 2^53 - 1 = 9,007,199,254,740,991.
    const adjustment = {
      payeeKind: 'rep',
      payeeId: 'rep-a',
      currency: 'CNY',
      reason: 'bonus',
      amount: MAX_AMOUNT_MINOR,
    };
    for (let n = 0; n < 898; n++) await post('/ledger/adjustments', adjustment, finance).expect(201);
    const due = '9009999999999999';
    const statement = (await get('/reps/rep-a/statements/2026-10').expect(200)).body;
    expect(statement.totals[0].closingDue).toBe(due);
    const csv = (await get('/reps/rep-a/statements/2026-10?format=csv').expect(200)).text;
    expect(csv).toMatch(new RegExp(`,total,,closing_due,.*,CNY,${due}\\b`));
    expect((await get('/reconciliation?period=2026-10').expect(200)).body.matches).toBe(true);
    const preview = await get('/payout-runs/2026-10/preview').expect(409);
    expect(preview.body).toMatchObject({
      code: 'BalanceBeyondSafeRange',
      current: { period: '2026-10', payee: { kind: 'rep', id: 'rep-a' }, currency: 'CNY', due },
    });
    clock.set('2026-11-02T02:00:00.000Z');
    const before = await engine.store.headPosition();
    const run = await post('/payout-runs', { period: '2026-10' }, finance).expect(409);
    expect(run.body).toMatchObject({ code: 'BalanceBeyondSafeRange', current: { due } });
    expect(await engine.store.headPosition()).toBe(before);
  }, 120_000);
});
