import { ManualClock } from '@leadledger/kernel';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { publishClaimRules, registerReps } from './support/sales-team';

/**
 * Claims, releases and follow-ups dated in the past with `effectiveAt`, through the API on
 * the real SQLite store. It is 20 May 2026; March is closed by its payout run. Customers c1,
 * c2 and c3 came in as walk-ins received by rep-wang on 2 February. Each refusal is checked
 * to leave the log as it was.
 */
describe('claims, releases and follow-ups dated in the past', () => {
  let engine: EngineHarness;
  let clock: ManualClock;
  let manager: string;
  let rep: Record<string, string>;
  const customer: Record<string, string> = {};

  const post = (path: string, body: object, auth = manager) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string) => engine.http().get(path).set('Authorization', manager);

  /** The request is refused with `status`, and the log did not move. */
  async function refused(path: string, body: object, status: 400 | 403 | 409, auth = manager) {
    const before = await engine.store.headPosition();
    const answer = await post(path, body, auth).expect(status);
    expect(await engine.store.headPosition()).toBe(before);
    return answer.body;
  }

  const followUp = (dated: object) => ({
    kind: 'visit',
    note: 'showroom visit',
    repId: 'rep-wang',
    ...dated,
  });

  beforeAll(async () => {
    clock = new ManualClock('2026-01-05T00:00:00.000Z');
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    const admin = `Bearer ${await engine.key('admin')}`;
    manager = `Bearer ${await engine.key('manager')}`;
    const finance = `Bearer ${await engine.key('finance')}`;
    rep = await registerReps(engine, admin, ['rep-wang', 'rep-li']);
    await post(
      '/commission-plans',
      {
        planId: 'sales',
        version: 1,
        effectiveFrom: '2026-01-01T00:00:00+08:00',
        currency: 'CNY',
        basis: 'booked',
        ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
        newCustomerWindowDays: 90,
        clawbackWindowDays: 60,
      },
      finance,
    ).expect(201);
    clock.set('2026-05-20T02:00:00.000Z');
    for (const [name, phone] of [
      ['c1', '13900000001'],
      ['c2', '13900000002'],
      ['c3', '13900000003'],
    ]) {
      const lead = await post('/leads', {
        channel: 'walk-in',
        receivedBy: 'rep-wang',
        contact: { phone },
        occurredAt: '2026-02-02T10:00:00+08:00',
      }).expect(201);
      customer[name] = lead.body.customerId;
    }
    await engine.settle();
    await post('/payout-runs', { period: '2026-03' }, finance).expect(201);
  });
  afterAll(async () => engine.close()); // runs the CLI's verify and checks every event against its schema

  describe('follow-ups', () => {
    it('logs a follow-up as of the day it happened, protection running on from then', async () => {
      const { body } = await post(
        `/customers/${customer.c1}/follow-ups`,
        followUp({ effectiveAt: '2026-04-10T10:00:00+08:00' }),
      ).expect(201);
      expect(body).toMatchObject({ at: '2026-04-10T02:00:00.000Z', protectedUntil: '2026-05-10T02:00:00.000Z' });
    });

    it('refuses an effectiveAt that is not an instant (400 naming it)', async () => {
      const body = await refused(`/customers/${customer.c1}/follow-ups`, followUp({ effectiveAt: 'last Friday' }), 400);
      expect(JSON.stringify(body.problems)).toContain('effectiveAt');
    });

    it('refuses effectiveAt and occurredAt together (400)', async () => {
      const both = { effectiveAt: '2026-04-11T10:00:00+08:00', occurredAt: '2026-04-11T10:00:00+08:00' };
      const body = await refused(`/customers/${customer.c1}/follow-ups`, followUp(both), 400);
      expect(body.problems).toEqual([
        { field: 'occurredAt', problem: 'give effectiveAt or occurredAt (its older name), not both' },
      ]);
    });

    it('refuses a follow-up dated in the future, in a closed month or before the latest change (409)', async () => {
      const path = `/customers/${customer.c1}/follow-ups`;
      const future = await refused(path, followUp({ effectiveAt: '2026-05-21T00:00:00Z' }), 409);
      expect(future).toMatchObject({ code: 'EffectiveAtInFuture', current: { now: '2026-05-20T02:00:00.000Z' } });
      const closed = await refused(path, followUp({ effectiveAt: '2026-03-20T10:00:00+08:00' }), 409);
      expect(closed).toMatchObject({
        code: 'EffectiveAtInClosedPeriod',
        current: { period: '2026-03', closedThrough: '2026-03' },
      });
      const earlier = await refused(path, followUp({ effectiveAt: '2026-04-05T10:00:00+08:00' }), 409);
      expect(earlier).toMatchObject({
        code: 'OccurredBeforeLastChange',
        current: { lastChangeAt: '2026-04-10T02:00:00.000Z' },
      });
    });

    it('applies the closed month to the older occurredAt too', async () => {
      const closed = await refused(
        `/customers/${customer.c1}/follow-ups`,
        followUp({ occurredAt: '2026-03-20T10:00:00+08:00' }),
        409,
      );
      expect(closed).toMatchObject({ code: 'EffectiveAtInClosedPeriod' });
    });
  });

  describe('releases', () => {
    const release = (dated: object = {}) => ({ reason: 'customer went quiet', ...dated });

    it('refuses a bad effectiveAt or a blank reason (400 naming the field)', async () => {
      const bad = await refused(`/customers/${customer.c1}/release`, release({ effectiveAt: '12 April' }), 400);
      expect(JSON.stringify(bad.problems)).toContain('effectiveAt');
      const blank = await refused(`/customers/${customer.c1}/release`, { reason: '  ' }, 400);
      expect(JSON.stringify(blank.problems)).toContain('reason');
    });

    it('refuses a release dated in the future, in a closed month or before the latest change (409)', async () => {
      const path = `/customers/${customer.c1}/release`;
      expect(await refused(path, release({ effectiveAt: '2026-06-01T00:00:00Z' }), 409)).toMatchObject({
        code: 'EffectiveAtInFuture',
      });
      expect(await refused(path, release({ effectiveAt: '2026-03-31T10:00:00+08:00' }), 409)).toMatchObject({
        code: 'EffectiveAtInClosedPeriod',
        current: { period: '2026-03' },
      });
      expect(await refused(path, release({ effectiveAt: '2026-04-08T10:00:00+08:00' }), 409)).toMatchObject({
        code: 'OccurredBeforeLastChange',
        current: { lastChangeAt: '2026-04-10T02:00:00.000Z' },
      });
    });

    it('refuses a rep releasing a colleague’s customer (409 NotOwner)', async () => {
      expect(await refused(`/customers/${customer.c1}/release`, release(), 409, rep['rep-li'])).toMatchObject({
        code: 'NotOwner',
        current: { ownerId: 'rep-wang' },
      });
    });

    it('releases customers to the shared pool as of the day it happened', async () => {
      const dated = release({ effectiveAt: '2026-04-12T10:00:00+08:00' });
      const { body } = await post(`/customers/${customer.c1}/release`, dated).expect(200);
      expect(body.owner).toBeNull();
      // A rep releases now only: dating it would move the cool-down's start (loading history is a manager's).
      const byRep = await post(`/customers/${customer.c2}/release`, dated, rep['rep-wang']).expect(403);
      expect(byRep.body).toMatchObject({ code: 'DatedByRep', current: { effectiveAt: '2026-04-12T10:00:00+08:00' } });
      await post(`/customers/${customer.c2}/release`, { ...dated, repId: 'rep-wang' }).expect(200);
      await post(`/customers/${customer.c3}/release`, { ...dated, repId: 'rep-wang' }).expect(200);
      const before = await get(`/customers/${customer.c1}/owner?asOf=2026-04-12T01:59:00Z`).expect(200);
      expect(before.body.owner).toMatchObject({ repId: 'rep-wang', to: '2026-04-12T02:00:00.000Z' });
      const after = await get(`/customers/${customer.c1}/owner?asOf=2026-04-12T02:00:00Z`).expect(200);
      expect(after.body.owner).toBeNull();
    });

    it('refuses releasing a customer nobody owns (409 NotOwner)', async () => {
      expect(await refused(`/customers/${customer.c1}/release`, release(), 409)).toMatchObject({
        code: 'NotOwner',
        current: { ownerId: null },
      });
    });
  });

  describe('claims from the shared pool', () => {
    const claim = (effectiveAt?: string) => ({ repId: 'rep-li', ...(effectiveAt ? { effectiveAt } : {}) });

    beforeAll(async () => {
      await publishClaimRules(engine, manager, { claimsPerDay: 1, reclaimCoolDownDays: 0, maxCustomersPerRep: null });
    });

    it('refuses a bad effectiveAt (400 naming it)', async () => {
      const bad = await refused(`/customers/${customer.c1}/claim`, claim('mid April'), 400);
      expect(JSON.stringify(bad.problems)).toContain('effectiveAt');
    });

    it('refuses a claim dated in the future, in a closed month or before the latest change (409)', async () => {
      const path = `/customers/${customer.c1}/claim`;
      expect(await refused(path, claim('2026-05-20T02:00:01Z'), 409)).toMatchObject({ code: 'EffectiveAtInFuture' });
      expect(await refused(path, claim('2026-03-25T10:00:00+08:00'), 409)).toMatchObject({
        code: 'EffectiveAtInClosedPeriod',
        current: { period: '2026-03', closedThrough: '2026-03' },
      });
      expect(await refused(path, claim('2026-04-11T10:00:00+08:00'), 409)).toMatchObject({
        code: 'OccurredBeforeLastChange',
        current: { lastChangeAt: '2026-04-12T02:00:00.000Z' },
      });
    });

    it('refuses a rep dating their own claim (403): a date would step round the claims counted per day', async () => {
      const { repId: _repId, ...own } = claim('2026-04-14T10:00:00+08:00');
      const body = await refused(`/customers/${customer.c1}/claim`, own, 403, rep['rep-li']);
      expect(body).toMatchObject({ code: 'DatedByRep', current: { effectiveAt: '2026-04-14T10:00:00+08:00' } });
    });

    it('gives the customer from the day the claim is dated', async () => {
      const { body } = await post(`/customers/${customer.c1}/claim`, claim('2026-04-14T10:00:00+08:00')).expect(200);
      expect(body.owner).toMatchObject({ repId: 'rep-li', via: 'claim', since: '2026-04-14T02:00:00.000Z' });
      expect(body.owner.protectedUntil).toBe('2026-05-14T02:00:00.000Z');
    });

    it('counts a dated claim against the day it is dated, not today', async () => {
      // rep-li's one claim for 14 April (UTC business days here) is taken by c1.
      const limit = await refused(`/customers/${customer.c2}/claim`, claim('2026-04-14T12:00:00+08:00'), 409);
      expect(limit).toMatchObject({
        code: 'DailyClaimLimitReached',
        current: { rule: 'claimsPerDay', limit: 1, claimedToday: 1, resetsAt: '2026-04-15T00:00:00.000Z' },
      });
      await post(`/customers/${customer.c2}/claim`, claim('2026-04-15T10:00:00+08:00')).expect(200);
      // Today (20 May) still has its one claim.
      await post(`/customers/${customer.c3}/claim`, claim()).expect(200);
    });
  });

  let c4: string;
  describe('changes of owner dated before a sale already recorded', () => {
    beforeAll(async () => {
      const lead = await post('/leads', {
        channel: 'walk-in',
        receivedBy: 'rep-wang',
        contact: { phone: '13900000004' },
        occurredAt: '2026-04-01T10:00:00+08:00',
      }).expect(201);
      c4 = lead.body.customerId;
      const sale = { externalId: 'SO-C4', customerId: c4, amount: 1_000_000, currency: 'CNY' };
      await post('/sales', { ...sale, closedAt: '2026-04-10T10:00:00+08:00', closingRepId: 'rep-wang' }).expect(201);
    });

    it('refuses a transfer or a release dated at or before the sale: its credit went to the owner then', async () => {
      const transfer = { toRepId: 'rep-li', reason: 'territory change' };
      for (const effectiveAt of ['2026-04-05T10:00:00+08:00', '2026-04-10T10:00:00+08:00']) {
        const body = await refused(`/customers/${c4}/transfer`, { ...transfer, effectiveAt }, 409);
        expect(body).toMatchObject({
          code: 'EffectiveAtBeforeRecordedSale',
          current: { externalId: 'SO-C4', closedAt: '2026-04-10T10:00:00+08:00' },
        });
      }
      const release = { reason: 'moved away', repId: 'rep-wang', effectiveAt: '2026-04-05T10:00:00+08:00' };
      expect(await refused(`/customers/${c4}/release`, release, 409)).toMatchObject({
        code: 'EffectiveAtBeforeRecordedSale',
      });
      const sale = (await get('/sales/SO-C4').expect(200)).body;
      expect(sale.attribution).toMatchObject({ creditedRepId: 'rep-wang' });
    });

    it('takes a transfer dated after the sale', async () => {
      const transfer = { toRepId: 'rep-li', reason: 'territory change', effectiveAt: '2026-04-11T10:00:00+08:00' };
      const { body } = await post(`/customers/${c4}/transfer`, transfer).expect(200);
      expect(body.owner).toMatchObject({ repId: 'rep-li', since: '2026-04-11T02:00:00.000Z' });
    });
  });

  describe('dates before a rep joined (rep-wang and rep-li were registered on 5 January)', () => {
    const beforeJoining = '2026-01-04T10:00:00+08:00';
    const expectNotYetJoined = (body: Record<string, unknown>, repId: string) =>
      expect(body).toMatchObject({
        code: 'RepNotYetJoined',
        current: { repId, joinedAt: '2026-01-05T00:00:00.000Z', at: '2026-01-04T02:00:00.000Z' },
      });

    it('refuses a lead received and a sale closed dated before it (409)', async () => {
      const lead = { channel: 'walk-in', contact: { phone: '13900000005' }, receivedBy: 'rep-wang' };
      expectNotYetJoined(await refused('/leads', { ...lead, occurredAt: beforeJoining }, 409), 'rep-wang');
      const sale = { externalId: 'SO-EARLY', customerId: customer.c3, amount: 100_000, currency: 'CNY' };
      expectNotYetJoined(
        await refused('/sales', { ...sale, closedAt: beforeJoining, closingRepId: 'rep-wang' }, 409),
        'rep-wang',
      );
    });

    it('refuses a transfer to a rep, or their departure, dated before they joined (in an open month)', async () => {
      await registerReps(engine, manager, ['rep-new']); // joins today, 20 May
      const transfer = { toRepId: 'rep-new', reason: 'loading history', effectiveAt: '2026-05-01T10:00:00+08:00' };
      const refusedTransfer = await refused(`/customers/${c4}/transfer`, transfer, 409);
      expect(refusedTransfer).toMatchObject({ code: 'RepNotYetJoined', current: { repId: 'rep-new' } });
      const departure = { mode: 'release', reason: 'left', effectiveAt: '2026-05-01T10:00:00+08:00' };
      const refusedDeparture = await refused('/reps/rep-new/departure', departure, 409);
      expect(refusedDeparture).toMatchObject({ code: 'RepNotYetJoined', current: { repId: 'rep-new' } });
    });
  });
});
