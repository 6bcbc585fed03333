import { COMMISSION_PERIODS_STREAM } from '@leadledger/commissions';
import { ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { bookedPlan, registerReps } from './support/sales-team';

/**
 * Finance posts a manual adjustment and the answer is lost (a timeout, a 503
 * WriteOutcomeUnknown): sending it again with the same Idempotency-Key must not pay twice.
 */
describe('an adjustment sent again with the same Idempotency-Key', () => {
  let engine: EngineHarness;
  let finance: string;
  let manager: string;
  const bonus = {
    payeeKind: 'rep',
    payeeId: 'rep-b',
    amount: 5_000,
    currency: 'CNY',
    reason: 'missed exhibition bonus',
  };

  const adjust = (body: object, key: string | null, auth = finance) => {
    const request = engine.http().post('/ledger/adjustments').set('Authorization', auth);
    return (key === null ? request : request.set('Idempotency-Key', key)).send(body);
  };
  const postedFor = async (payeeId: string) =>
    (await engine.store.readStream(COMMISSION_PERIODS_STREAM)).filter(
      (event) => event.type === 'CommissionAdjusted' && (event.data.payee as { id: string }).id === payeeId,
    );

  beforeAll(async () => {
    engine = await startEngine({ clock: new ManualClock('2026-11-03T02:00:00.000Z') });
    const admin = `Bearer ${await engine.key('admin')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    manager = `Bearer ${await engine.key('manager')}`;
    await registerReps(engine, admin, ['rep-b', 'rep-c']);
    await engine.http().post('/commission-plans').set('Authorization', finance).send(bookedPlan()).expect(201);
  });
  afterAll(async () => engine.close());

  it('answers the adjustment already posted, and posts it once', async () => {
    const first = (await adjust(bonus, 'bonus-rep-b-2026-11').expect(201)).body;
    expect(first).toMatchObject({
      payee: { kind: 'rep', id: 'rep-b' },
      amount: 5_000,
      currency: 'CNY',
      reason: 'missed exhibition bonus',
      period: '2026-11',
    });
    const head = await engine.store.headPosition();

    const again = await adjust(bonus, 'bonus-rep-b-2026-11').expect(201);
    expect(again.body).toEqual(first);
    expect(await engine.store.headPosition()).toBe(head);
    expect(await postedFor('rep-b')).toHaveLength(1);
  });

  it('refuses the same key for a different adjustment with 409, naming the fields, and writes nothing', async () => {
    const first = (await adjust({ ...bonus, payeeId: 'rep-c' }, 'bonus-rep-c').expect(201)).body;
    const head = await engine.store.headPosition();
    const reused = await adjust({ ...bonus, payeeId: 'rep-c', amount: 6_000, period: '2026-12' }, 'bonus-rep-c').expect(
      409,
    );
    expect(reused.body).toMatchObject({
      code: 'IdempotencyKeyReused',
      current: { adjustment: first, fields: ['amount', 'period'] },
    });
    expect(await engine.store.headPosition()).toBe(head);
  });

  it("keeps one API key's Idempotency-Key apart from another's", async () => {
    const byFinance = (await adjust({ ...bonus, payeeId: 'rep-c' }, 'shared-key').expect(201)).body;
    const byManager = (await adjust({ ...bonus, payeeId: 'rep-c' }, 'shared-key', manager).expect(201)).body;
    expect(byManager.adjustmentId).not.toBe(byFinance.adjustmentId);
  });

  it('posts a resend without a key as a second adjustment (the answer to a lost write says to send a key)', async () => {
    const before = (await postedFor('rep-b')).length;
    await adjust({ ...bonus, reason: 'spring fair' }, null).expect(201);
    await adjust({ ...bonus, reason: 'spring fair' }, null).expect(201);
    expect(await postedFor('rep-b')).toHaveLength(before + 2);
  });
});
