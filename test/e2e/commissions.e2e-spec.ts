import { ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/**
 * A month of business through the HTTP API on the real SQLite store: leads for three reps,
 * two plan versions (booked, then collected), sales, payments and a refund; then October's
 * payout run, the reconciliation, a late refund into November and the statements.
 */
describe('a month of commissions', () => {
  let engine: EngineHarness;
  let clock: ManualClock;
  let admin: string;
  let finance: string;
  let rep: Record<string, string>;
  const customerOf: Record<string, string> = {};

  const post = (path: string, body: object, auth = admin) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = finance) => engine.http().get(path).set('Authorization', auth);

  /** The request is a 400 with exactly these problems, and the log did not move. */
  async function refused(path: string, body: object, problems: { field: string; problem: string }[]) {
    const head = await engine.store.headPosition();
    const answer = await post(path, body, finance).expect(400);
    expect(answer.body.problems).toEqual(problems);
    expect(await engine.store.headPosition()).toBe(head);
  }

  const basePlan = {
    planId: 'sales-2026',
    currency: 'CNY',
    periodLength: 'month',
    timeZone: 'Asia/Shanghai',
    newCustomerWindowDays: 90,
    clawbackWindowDays: 60,
    rounding: 'half-up',
  };

  beforeAll(async () => {
    clock = new ManualClock('2026-09-20T00:00:00.000Z');
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    admin = `Bearer ${await engine.key('admin')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    rep = await registerReps(engine, admin, ['rep-a', 'rep-b', 'rep-c']);
  });
  afterAll(async () => engine.close()); // runs the CLI's verify: it must exit 0

  it('publishes two plan versions and refuses an invalid one, naming the field', async () => {
    await post(
      '/commission-plans',
      {
        ...basePlan,
        version: 1,
        effectiveFrom: '2026-10-01T00:00:00+08:00',
        basis: 'booked',
        ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
        finderShareBps: 3000,
        tiers: [{ aboveMinor: 5_000_000, multiplierBps: 15_000 }],
      },
      finance,
    ).expect(201);
    await post(
      '/commission-plans',
      {
        ...basePlan,
        version: 2,
        effectiveFrom: '2026-10-16T00:00:00+08:00',
        basis: 'collected',
        ratesBps: { 'new-rep-sourced': 1000, 'new-company-provided': 600, existing: 300 },
        finderShareBps: 2000,
      },
      finance,
    ).expect(201);
    const bad = await post(
      '/commission-plans',
      {
        ...basePlan,
        version: 3,
        effectiveFrom: '2026-12-01T00:00:00+08:00',
        basis: 'booked',
        finderShareBps: 12000,
        ratesBps: { vip: 100 },
      },
      finance,
    ).expect(400);
    const fields = bad.body.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['finderShareBps', 'ratesBps.vip']));
    expect((await get('/commission-plans').expect(200)).body).toHaveLength(2);
  });

  it('takes in the month of leads that make three customers', async () => {
    clock.set('2026-10-02T02:00:00.000Z');
    const leads = [
      ['x', { channel: 'rep-sourced', receivedBy: 'rep-a', contact: { phone: '13900000001' } }],
      ['y', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000002' } }],
      ['z', { channel: 'walk-in', receivedBy: 'rep-c', contact: { phone: '13900000003' } }],
    ] as const;
    for (const [name, lead] of leads) {
      const { body } = await post('/leads', lead).expect(201);
      customerOf[name] = body.customerId;
    }
    await engine.settle();
    clock.set('2026-10-10T02:00:00.000Z');
    await post(`/customers/${customerOf.z}/transfer`, {
      toRepId: 'rep-a',
      reason: 'rep-c moves to key accounts',
    }).expect(200);
  });

  it('records October: sales under both plan versions, payments and a refund', async () => {
    clock.set('2026-10-30T08:00:00.000Z');
    const sale = (externalId: string, name: string, amount: number, closedAt: string, closingRepId: string) =>
      post('/sales', { externalId, customerId: customerOf[name], amount, currency: 'CNY', closedAt, closingRepId });

    // v1, booked, new rep-sourced 8%; the part above 50,000.00 in the month at x1.5.
    const s1 = (await sale('SO-1', 'x', 10_000_000, '2026-10-05T10:00:00+08:00', 'rep-a').expect(201)).body;
    expect(s1.attribution).toMatchObject({
      attributionClass: 'new-rep-sourced',
      creditedRepId: 'rep-a',
      planVersion: 1,
    });
    expect(s1.commissionLines.map((l: { amount: number; arithmetic: string }) => [l.amount, l.arithmetic])).toEqual([
      [400_000, '50,000.00 x 8.00% x 1 = 4,000.00'],
      [600_000, '50,000.00 x 8.00% x 1.5 = 6,000.00'],
    ]);
    // Retried with the same external id: the same sale, nothing new written.
    const again = (await sale('SO-1', 'x', 10_000_000, '2026-10-05T10:00:00+08:00', 'rep-a').expect(201)).body;
    expect(again.sale.saleId).toBe(s1.sale.saleId);

    // v1, new company-provided 5%: 20,000.00 -> 1,000.00.
    const s2 = (await sale('SO-2', 'y', 2_000_000, '2026-10-08T10:00:00+08:00', 'rep-b').expect(201)).body;
    expect(s2.commissionLines.map((l: { amount: number }) => l.amount)).toEqual([100_000]);

    // v2, collected, 6%: nothing until money arrives; rep-a owns z, rep-c found it (20%).
    const s3 = (await sale('SO-3', 'z', 3_000_000, '2026-10-20T10:00:00+08:00', 'rep-a').expect(201)).body;
    expect(s3.attribution).toMatchObject({ planVersion: 2, creditedRepId: 'rep-a', finderRepId: 'rep-c' });
    expect(s3.commissionLines).toEqual([]);

    const pay = (saleId: string, externalId: string, amount: number, receivedAt: string) =>
      post(`/sales/${saleId}/payments`, { externalId, amount, currency: 'CNY', receivedAt }, finance);
    await pay(s3.sale.saleId, 'RC-1', 1_000_000, '2026-10-25T10:00:00+08:00').expect(201);
    const paid = (await pay(s3.sale.saleId, 'RC-2', 2_000_000, '2026-10-28T10:00:00+08:00').expect(201)).body;
    expect(paid.commissionLines.map((l: { payee: { id: string }; amount: number }) => [l.payee.id, l.amount])).toEqual([
      ['rep-a', 48_000],
      ['rep-c', 12_000],
      ['rep-a', 96_000],
      ['rep-c', 24_000],
    ]);
    // More than is outstanding: 409 with the sale's figures, nothing written.
    const over = await pay(s3.sale.saleId, 'RC-3', 1, '2026-10-29T10:00:00+08:00').expect(409);
    expect(over.body).toMatchObject({ code: 'PaymentExceedsOutstanding', current: { outstanding: 0 } });

    // A refund of a quarter of SO-2 inside the 60-day window claws back 250.00.
    const refunded = await post(
      `/sales/${s2.sale.saleId}/refunds`,
      {
        externalId: 'RF-1',
        amount: 500_000,
        currency: 'CNY',
        refundedAt: '2026-10-30T10:00:00+08:00',
        reason: 'damaged',
      },
      finance,
    ).expect(201);
    expect(refunded.body.commissionLines.at(-1)).toMatchObject({ kind: 'clawback', amount: -25_000 });
  });

  describe('a sale refused before anything is written', () => {
    const saleOf = (extra: object) => ({
      externalId: 'SO-9',
      customerId: customerOf.y,
      amount: 1_000_000,
      currency: 'CNY',
      closedAt: '2026-10-09T10:00:00+08:00',
      closingRepId: 'rep-b',
      ...extra,
    });

    it('answers 400 naming closingRepId for a rep nobody registered, and credits nobody', async () => {
      await refused('/sales', saleOf({ externalId: 'SO-GHOST', closingRepId: 'ghost-rep' }), [
        { field: 'closingRepId', problem: 'no rep ghost-rep is registered' },
      ]);
      await get('/sales/SO-GHOST').expect(404);
    });

    it.each(['2026-10-09', '2026-10-09T10:00:00'])(
      'answers 400 naming closedAt for %s, a time without its zone, as a payment does for receivedAt',
      async (closedAt) => {
        const withZone = (field: string) =>
          `${field} must be an ISO 8601 time with its zone, such as 2026-10-25T10:00:00+08:00`;
        await refused('/sales', saleOf({ closedAt }), [{ field: 'closedAt', problem: withZone('closedAt') }]);
        const payment = { externalId: 'RC-9', amount: 1, currency: 'CNY', receivedAt: closedAt };
        await refused('/sales/SO-2/payments', payment, [{ field: 'receivedAt', problem: withZone('receivedAt') }]);
      },
    );

    it.each(['2026-10-09T10:00:00+0800', '2026-10-09T10:00:00+08'])(
      'answers 400 naming the field for %s, an offset the sale’s rules cannot read (was a 409 or a 500)',
      async (at) => {
        const problem = (field: string) =>
          `${field} must be an ISO 8601 time with its zone, such as 2026-10-25T10:00:00+08:00`;
        await refused('/sales', saleOf({ externalId: 'SO-OFFSET', closedAt: at }), [
          { field: 'closedAt', problem: problem('closedAt') },
        ]);
        const refund = { externalId: 'RF-OFFSET', amount: 1, currency: 'CNY', refundedAt: at, reason: 'returned' };
        await refused('/sales/SO-2/refunds', refund, [{ field: 'refundedAt', problem: problem('refundedAt') }]);
      },
    );

    it('answers 400 naming customerId when neither customerId nor customerKeys is given', async () => {
      const { customerId: _customerId, ...withoutCustomer } = saleOf({});
      await refused('/sales', withoutCustomer, [
        { field: 'customerId', problem: 'give customerId or customerKeys to name the customer' },
      ]);
      await refused('/sales', saleOf({ customerKeys: { phone: '13900000002' } }), [
        { field: 'customerId', problem: 'give either customerId or customerKeys, not both' },
      ]);
    });
  });

  it('pays October out, reconciles it to the cent and refuses a second run', async () => {
    clock.set('2026-11-02T02:00:00.000Z');
    const preview = (await get('/payout-runs/2026-10/preview').expect(200)).body;
    const expected = [
      { payee: { kind: 'rep', id: 'rep-a' }, currency: 'CNY', amount: 1_144_000 },
      { payee: { kind: 'rep', id: 'rep-b' }, currency: 'CNY', amount: 75_000 },
      { payee: { kind: 'rep', id: 'rep-c' }, currency: 'CNY', amount: 36_000 },
    ];
    expect(preview.payouts).toEqual(expected);

    const run = (await post('/payout-runs', { period: '2026-10' }, finance).expect(201)).body;
    expect(run).toMatchObject({ period: '2026-10', payeesPaid: 3, totals: [{ currency: 'CNY', amount: 1_255_000 }] });
    const repeat = await post('/payout-runs', { period: '2026-10' }, finance).expect(409);
    expect(repeat.body).toMatchObject({ code: 'PeriodAlreadyClosed', current: { closedThrough: '2026-10' } });

    const reconciliation = (await get('/reconciliation?period=2026-10').expect(200)).body;
    expect(reconciliation.matches).toBe(true);
    expect(reconciliation.totals).toEqual([
      expect.objectContaining({
        currency: 'CNY',
        opening: 0,
        accrued: 1_280_000,
        clawedBack: -25_000,
        adjusted: 0,
        paid: -1_255_000,
        closingDue: 0,
        matches: true,
        control: expect.objectContaining({ accrued: 1_280_000, paid: -1_255_000, closingDue: 0 }),
      }),
    ]);
  });

  it('posts a late refund of October into November, referencing October', async () => {
    clock.set('2026-11-03T02:00:00.000Z');
    const beforeRefund = (await get('/reconciliation?period=2026-10').expect(200)).body;
    expect(beforeRefund.matches).toBe(true);
    const saleId = (
      await post('/sales', {
        externalId: 'SO-1',
        customerId: customerOf.x,
        amount: 10_000_000,
        currency: 'CNY',
        closedAt: '2026-10-05T10:00:00+08:00',
        closingRepId: 'rep-a',
      }).expect(201)
    ).body.sale.saleId;
    const refund = {
      externalId: 'RF-2',
      amount: 1_000_000,
      currency: 'CNY',
      refundedAt: '2026-10-31T10:00:00+08:00',
      reason: 'returned goods',
    };
    const lines = (await post(`/sales/${saleId}/refunds`, refund, finance).expect(201)).body.commissionLines;
    expect(lines.filter((l: { kind: string }) => l.kind === 'clawback')).toEqual([
      expect.objectContaining({ amount: -40_000, period: '2026-11', naturalPeriod: '2026-10' }),
      expect.objectContaining({ amount: -60_000, period: '2026-11', naturalPeriod: '2026-10' }),
    ]);
    const october = (await get('/reconciliation?period=2026-10').expect(200)).body;
    expect(october.totals[0]).toMatchObject({ closingDue: 0, matches: true });
    const november = (await get('/reconciliation?period=2026-11').expect(200)).body;
    expect(november.totals[0]).toMatchObject({ opening: 0, clawedBack: -100_000, closingDue: -100_000, matches: true });
  });

  it('shows a rep their own statement only, as JSON or CSV', async () => {
    const own = (await get('/reps/rep-b/statements/2026-10', rep['rep-b']).expect(200)).body;
    expect(own.totals).toEqual([
      { currency: 'CNY', opening: 0, accrued: 100_000, clawedBack: -25_000, adjusted: 0, paid: -75_000, closingDue: 0 },
    ]);
    await get('/reps/rep-a/statements/2026-10', rep['rep-b']).expect(403);
    // SO-3: rep-a closed and owns it, rep-c found it. Each sees the sale with only their own lines.
    const payees = async (repId: string) =>
      (await get('/sales/SO-3', rep[repId]).expect(200)).body.commissionLines.map(
        (l: { payee: { id: string } }) => l.payee.id,
      );
    expect(await payees('rep-c')).toEqual(['rep-c', 'rep-c']);
    expect(await payees('rep-a')).toEqual(['rep-a', 'rep-a']);
    const all = (await get('/sales/SO-3').expect(200)).body.commissionLines;
    expect(all.map((l: { payee: { id: string } }) => l.payee.id)).toEqual(['rep-a', 'rep-c', 'rep-a', 'rep-c']);
    const csv = await get('/reps/rep-a/statements/2026-11?format=csv')
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const [header, ...rows] = csv.text.trim().split('\n');
    expect(header.split(',').slice(0, 12)).toEqual([
      'payee_kind',
      'payee_id',
      'period',
      'row',
      'line_id',
      'kind',
      'rule',
      'role',
      'natural_period',
      'occurred_at',
      'currency',
      'amount_minor',
    ]);
    expect(rows.filter((r) => r.includes(',closing_due,'))).toEqual([expect.stringContaining(',CNY,-100000,')]);
    const reconciliationCsv = await get('/reconciliation?period=2026-10&format=csv').expect(200);
    expect(reconciliationCsv.text.split('\n')[0]).toBe(
      'period,row,payee_kind,payee_id,currency,opening,accrued,clawed_back,adjusted,paid,closing_due,control_opening,control_accrued,control_clawed_back,control_adjusted,control_paid,control_closing_due,matches',
    );
  });

  it('posts a manual adjustment with its reason, and refuses one into a closed period', async () => {
    const body = {
      payeeKind: 'rep',
      payeeId: 'rep-c',
      amount: 5_000,
      currency: 'CNY',
      reason: 'missed exhibition bonus',
    };
    await post('/ledger/adjustments', { ...body, period: '2026-10' }, finance).expect(409);
    await post('/ledger/adjustments', { ...body, reason: '' }, finance).expect(400);
    const posted = (await post('/ledger/adjustments', body, finance).expect(201)).body;
    expect(posted).toMatchObject({ period: '2026-11', amount: 5_000 });
    const statement = (await get('/reps/rep-c/statements/2026-11').expect(200)).body;
    expect(statement.totals[0]).toMatchObject({ opening: 0, adjusted: 5_000, closingDue: 5_000 });
  });

  it('answers 400 naming payeeId for an adjustment to a rep nobody registered, leaving reconciliation alone', async () => {
    const body = { payeeKind: 'rep', payeeId: 'nobody-at-all', amount: 5_000, currency: 'CNY', reason: 'bonus' };
    await refused('/ledger/adjustments', body, [{ field: 'payeeId', problem: 'no rep nobody-at-all is registered' }]);
    const november = (await get('/reconciliation?period=2026-11').expect(200)).body;
    expect(november.payees.map((p: { payee: { id: string } }) => p.payee.id)).not.toContain('nobody-at-all');
  });

  it('answers 400 naming currency for an adjustment in a currency no plan pays in, and pays none out', async () => {
    const body = { payeeKind: 'rep', payeeId: 'rep-c', amount: 1, currency: 'JPY', reason: 'bonus' };
    await refused('/ledger/adjustments', body, [{ field: 'currency', problem: 'No published plan pays in JPY' }]);
    const preview = (await get('/payout-runs/2026-11/preview').expect(200)).body;
    expect(JSON.stringify(preview)).not.toContain('JPY');
  });

  it('shows attribution: revenue by rep, class and channel', async () => {
    const { body } = await get('/attribution?from=2026-10-01T00:00:00%2B08:00&to=2026-11-01T00:00:00%2B08:00').expect(
      200,
    );
    expect(body.rows).toEqual([
      expect.objectContaining({
        repId: 'rep-a',
        attributionClass: 'new-company-provided',
        channel: 'walk-in',
        netRevenue: 3_000_000,
        collected: 3_000_000,
      }),
      expect.objectContaining({
        repId: 'rep-a',
        attributionClass: 'new-rep-sourced',
        channel: 'rep-sourced',
        netRevenue: 9_000_000,
      }),
      expect.objectContaining({
        repId: 'rep-b',
        attributionClass: 'new-company-provided',
        channel: 'walk-in',
        netRevenue: 1_500_000,
      }),
    ]);
  });

  it('refuses an Idempotency-Key sent again with another contract number (409), recording no second sale', async () => {
    const keyed = (externalId: string) =>
      engine.http().post('/sales').set('Authorization', admin).set('Idempotency-Key', 'sale-key-1').send({
        externalId,
        customerId: customerOf.y,
        amount: 100_000,
        currency: 'CNY',
        closedAt: clock.now().toISOString(),
        closingRepId: 'rep-b',
      });
    const first = (await keyed('SO-KEY-1').expect(201)).body;
    expect((await keyed('SO-KEY-1').expect(201)).body.sale.saleId).toBe(first.sale.saleId);
    const head = await engine.store.headPosition();
    const reused = await keyed('SO-KEY-2').expect(409);
    expect(reused.body).toMatchObject({
      code: 'IdempotencyKeyReused',
      current: { fields: ['externalId'], saleId: first.sale.saleId },
    });
    expect(await engine.store.headPosition()).toBe(head);
    await get('/sales/SO-KEY-2').expect(404);
  });
});
