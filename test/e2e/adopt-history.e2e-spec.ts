import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type EngineHarness, startEngine } from './support/engine-harness';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', 'docs', 'examples', 'adopt-history.mjs');

interface Made {
  readonly customers: Record<'a' | 'b', string>;
  readonly sales: Record<string, string>;
}

/**
 * A company adopts the engine with three past months (January to March 2025, Asia/Shanghai),
 * loaded through the public API only by docs/examples/adopt-history.mjs, on the real clock:
 * reps with the day they joined, January's plan, leads, a hand-off dated 10 February, a
 * follow-up dated 3 March, sales, a payment, a refund, and the January and February payout
 * runs. Every figure below is worked by hand from the plan: booked 8.00% new rep-sourced,
 * 5.00% new company-provided, then collected from 1 March; 90-day new-customer window, 60-day
 * clawback window.
 */
describe('adopting the engine with history', () => {
  let engine: EngineHarness;
  let admin: string;
  let made: Made;

  const get = (path: string) => engine.http().get(path).set('Authorization', admin);
  const post = (path: string, body: object) => engine.http().post(path).set('Authorization', admin).send(body);
  const totals = async (payee: string, period: string) =>
    (await get(`/reps/${payee}/statements/${period}`).expect(200)).body.totals;

  beforeAll(async () => {
    // The scheduler stays paused while history loads: a protection that ran out in February
    // must not be released today, which would date the customer's latest change today.
    engine = await startEngine({ env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    admin = `Bearer ${await engine.key('admin')}`;
    const server = engine.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const env = { ...process.env, LEADLEDGER_URL: `http://127.0.0.1:${port}`, LEADLEDGER_KEY: admin.slice(7) };
    const { stdout } = await run(process.execPath, [SCRIPT], { env });
    made = JSON.parse(stdout) as Made;
    await engine.settle();
  }, 60_000);
  afterAll(async () => engine.close()); // runs the CLI's verify and checks every event against its schema

  it('keeps each rep the day they joined', async () => {
    const { body } = await get('/reps/rep-li').expect(200);
    // 2024-06-01 09:00 in Shanghai is 01:00 UTC.
    expect(body.registeredAt).toBe('2024-06-01T01:00:00.000Z');
  });

  it('answers who owned customer b as of any day, following the dated hand-off', async () => {
    const before = await get(`/customers/${made.customers.b}/owner?asOf=2025-02-09T00:00:00Z`).expect(200);
    expect(before.body.owner).toMatchObject({ repId: 'rep-wang', via: 'received-walk-in' });
    const after = await get(`/customers/${made.customers.b}/owner?asOf=2025-02-11T00:00:00Z`).expect(200);
    // 2025-02-10 09:00 in Shanghai is 01:00 UTC.
    expect(after.body.owner).toMatchObject({ repId: 'rep-zhao', via: 'transfer', from: '2025-02-10T01:00:00.000Z' });
  });

  it('keeps rep-li’s follow-up on customer a as of the day it happened', async () => {
    const { body } = await get(`/customers/${made.customers.a}`).expect(200);
    // 2025-03-03 14:00 in Shanghai is 06:00 UTC; protection runs 30 days on from it.
    expect(body.lastFollowUpAt).toBe('2025-03-03T06:00:00.000Z');
    expect(body.owner).toMatchObject({ repId: 'rep-li', protectedUntil: '2025-04-02T06:00:00.000Z' });
  });

  it('credits the February sale of customer b to rep-zhao, the owner at closedAt', async () => {
    const { body } = await get(`/sales/${made.sales['SO-3']}`).expect(200);
    expect(body.attribution).toMatchObject({ creditedRepId: 'rep-zhao', attributionClass: 'new-company-provided' });
  });

  it('paid January and February as finance did, and carries March open', async () => {
    // January: rep-li SO-1 100,000.00 x 8% (new, rep-sourced) = 8,000.00;
    //          rep-wang SO-2 50,000.00 x 5% (new, walk-in) = 2,500.00; both paid by the January run.
    expect(await totals('rep-li', '2025-01')).toEqual([
      { currency: 'CNY', opening: 0, accrued: 800_000, clawedBack: 0, adjusted: 0, paid: -800_000, closingDue: 0 },
    ]);
    expect(await totals('rep-wang', '2025-01')).toEqual([
      { currency: 'CNY', opening: 0, accrued: 250_000, clawedBack: 0, adjusted: 0, paid: -250_000, closingDue: 0 },
    ]);
    // February: rep-zhao SO-3 20,000.00 x 5% (b's second sale, 21 days after its first: new) = 1,000.00;
    //           rep-li SO-4 30,000.00 x 8% (31 days after a's first sale: new) = 2,400.00; both paid.
    expect(await totals('rep-zhao', '2025-02')).toEqual([
      { currency: 'CNY', opening: 0, accrued: 100_000, clawedBack: 0, adjusted: 0, paid: -100_000, closingDue: 0 },
    ]);
    // March, under version 2 (collected): SO-5 10,000.00, of which 4,000.00 arrived on 12 March:
    //   4,000.00 x 8% = 320.00 accrued. SO-1 refund of 2,000.00 on 10 March, 49 days after closing
    //   (inside 60): 8,000.00 x 2,000.00 / 100,000.00 = 160.00 clawed back. Due: 320.00 - 160.00 = 160.00.
    expect(await totals('rep-li', '2025-03')).toEqual([
      { currency: 'CNY', opening: 0, accrued: 32_000, clawedBack: -16_000, adjusted: 0, paid: 0, closingDue: 16_000 },
    ]);
  });

  it('reconciles every month with the control replay', async () => {
    const figures = async (period: string) => {
      const { body } = await get(`/reconciliation?period=${period}`).expect(200);
      expect(body.matches).toBe(true);
      const [{ opening, accrued, clawedBack, paid, closingDue }] = body.totals;
      return { opening, accrued, clawedBack, paid, closingDue };
    };
    // January: 8,000.00 + 2,500.00 = 10,500.00 accrued and paid.
    expect(await figures('2025-01')).toEqual({
      opening: 0,
      accrued: 1_050_000,
      clawedBack: 0,
      paid: -1_050_000,
      closingDue: 0,
    });
    // February: 1,000.00 + 2,400.00 = 3,400.00 accrued and paid.
    expect(await figures('2025-02')).toEqual({
      opening: 0,
      accrued: 340_000,
      clawedBack: 0,
      paid: -340_000,
      closingDue: 0,
    });
    expect(await figures('2025-03')).toEqual({
      opening: 0,
      accrued: 32_000,
      clawedBack: -16_000,
      paid: 0,
      closingDue: 16_000,
    });
    const runs = (await get('/payout-runs').expect(200)).body;
    expect(JSON.stringify(runs)).toContain('2025-02');
  });

  it('refuses a plan version that would change March’s accrued line, naming it', async () => {
    const { body } = await post('/commission-plans', {
      planId: 'sales',
      version: 3,
      effectiveFrom: '2025-03-11T00:00:00+08:00',
      currency: 'CNY',
      basis: 'booked',
      ratesBps: { 'new-rep-sourced': 900, 'new-company-provided': 500, existing: 300 },
      newCustomerWindowDays: 90,
      clawbackWindowDays: 60,
    }).expect(409);
    expect(body).toMatchObject({
      code: 'RetroactivePlan',
      current: {
        effectiveFrom: '2025-03-11T00:00:00+08:00',
        accruedLine: { saleId: made.sales['SO-5'], occurredAt: '2025-03-12T10:00:00+08:00', period: '2025-03' },
      },
    });
  });

  it('refuses a hand-off dated in a closed month, in the future, or before the customer’s latest change', async () => {
    const transfer = (customer: string, toRepId: string, effectiveAt: string) =>
      post(`/customers/${customer}/transfer`, { toRepId, reason: 'territory change', effectiveAt });
    const closed = await transfer(made.customers.b, 'rep-li', '2025-02-20T09:00:00+08:00').expect(409);
    expect(closed.body).toMatchObject({
      code: 'EffectiveAtInClosedPeriod',
      current: { period: '2025-02', closedThrough: '2025-02' },
    });
    const future = await transfer(made.customers.b, 'rep-li', '2999-01-01T00:00:00Z').expect(409);
    expect(future.body).toMatchObject({ code: 'EffectiveAtInFuture' });
    await transfer(made.customers.a, 'rep-zhao', '2025-03-20T09:00:00+08:00').expect(200);
    const earlier = await transfer(made.customers.a, 'rep-li', '2025-03-15T09:00:00+08:00').expect(409);
    expect(earlier.body).toMatchObject({
      code: 'OccurredBeforeLastChange',
      current: { lastChangeAt: '2025-03-20T01:00:00.000Z' },
    });
    const bad = await post(`/customers/${made.customers.a}/transfer`, {
      toRepId: 'rep-li',
      reason: 'x',
      effectiveAt: 'last March',
    }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('effectiveAt');
  });

  it('records a departure as of the day it happened', async () => {
    const departed = await post('/reps/rep-wang/departure', {
      mode: 'release',
      reason: 'resigned',
      effectiveAt: '2025-03-31T18:00:00+08:00',
    }).expect(200);
    expect(departed.body).toMatchObject({ repId: 'rep-wang' });
    const { body } = await get('/reps/rep-wang').expect(200);
    expect(body).toMatchObject({ status: 'departed', departedAt: '2025-03-31T10:00:00.000Z' });
    const future = await post('/reps/rep-li/departure', {
      mode: 'release',
      reason: 'resigned',
      effectiveAt: '2999-01-01T00:00:00Z',
    }).expect(409);
    expect(future.body).toMatchObject({ code: 'EffectiveAtInFuture' });
  });

  it('refuses a rep joining in the future (400 naming joinedAt)', async () => {
    const { body } = await post('/reps', {
      repId: 'rep-next',
      name: 'Next',
      email: 'next@example.cn',
      team: 'east',
      joinedAt: '2999-01-01T00:00:00Z',
    }).expect(400);
    expect(JSON.stringify(body)).toContain('joinedAt');
  });

  it('refuses a historical time without its zone (400 naming the field), rather than read it in the server’s', async () => {
    const head = await engine.store.headPosition();
    const zoneless = '2026-02-10T10:00:00';
    const rep = { repId: 'rep-local', name: 'Local', email: 'local@example.cn', team: 'east', joinedAt: zoneless };
    const lead = { channel: 'walk-in', contact: { phone: '13900000077' }, receivedBy: 'rep-li', occurredAt: zoneless };
    for (const [path, body, field] of [
      ['/reps', rep, 'joinedAt'],
      ['/leads', lead, 'occurredAt'],
      ['/reps/rep-li/departure', { mode: 'release', reason: 'resigned', effectiveAt: '2026-02-10' }, 'effectiveAt'],
    ] as const) {
      const { body: answer } = await post(path, body).expect(400);
      expect(answer.problems).toEqual([
        { field, problem: `${field} must be an ISO 8601 time with its zone, such as 2026-10-25T10:00:00+08:00` },
      ]);
    }
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('refuses an offset without its minutes (+08), which no date parser reads, as a 400 naming the field, not a 500', async () => {
    const head = await engine.store.headPosition();
    const lead = { channel: 'walk-in', contact: { phone: '13900000078' }, receivedBy: 'rep-li' };
    const { body } = await post('/leads', { ...lead, occurredAt: '2026-02-10T10:00:00+08' }).expect(400);
    expect(body.problems).toEqual([
      {
        field: 'occurredAt',
        problem: 'occurredAt must be an ISO 8601 time with its zone, such as 2026-10-25T10:00:00+08:00',
      },
    ]);
    expect(await engine.store.headPosition()).toBe(head);
  });
});
