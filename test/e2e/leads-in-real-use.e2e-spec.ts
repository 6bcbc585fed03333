import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, publishClaimRules, registerReps } from './support/sales-team';

/** Issue 11: who may own a customer, leads that cannot be routed, the review queue, the shared pool (公海). */
describe('leads and ownership in real use', () => {
  let engine: EngineHarness;
  let manager: string;
  let service: string;
  let repKey: Record<string, string>;

  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    service = `Bearer ${await engine.key('service')}`;
    repKey = await registerReps(engine, manager, ['rep-wang', 'rep-li', 'rep-zhao', 'rep-gone']);
    await createPool(engine, manager, {
      poolId: 'east',
      acceptanceSlaMinutes: 60,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [{ repId: 'rep-li' }],
    });
    await engine
      .http()
      .post('/reps/rep-gone/departure')
      .set('Authorization', manager)
      .send({ mode: 'release', reason: 'resigned' })
      .expect(200);
    await engine.settle();
  });
  afterAll(async () => engine.close());

  const post = (path: string, body: object, auth = manager) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);
  const totalEvents = async () => (await get('/stats').expect(200)).body.totalEvents as number;
  const countOf = async (type: string) =>
    (await engine.store.readAll({ maxCount: 100_000, filter: { eventTypes: [type] } })).length;

  /** The request is refused and the log does not move (what /stats counts, once settled). */
  async function refusedWithNothingWritten(send: () => Promise<{ status: number; body: Record<string, unknown> }>) {
    await engine.settle();
    const before = await totalEvents();
    const head = await engine.store.headPosition();
    const answer = await send();
    await engine.settle();
    expect(await engine.store.headPosition()).toBe(head);
    expect(await totalEvents()).toBe(before);
    return answer;
  }

  describe('who may receive a lead', () => {
    it('answers 400 naming receivedBy for a rep nobody registered, and writes nothing', async () => {
      const { status, body } = await refusedWithNothingWritten(() =>
        post('/leads', { channel: 'walk-in', contact: { phone: '13700000001' }, receivedBy: 'rep-ghost' }, service),
      );
      expect(status).toBe(400);
      expect(body.problems).toEqual([{ field: 'receivedBy', problem: 'no rep rep-ghost is registered' }]);
    });

    it('answers 409 RepDeparted for a rep who has left, and writes nothing', async () => {
      const { status, body } = await refusedWithNothingWritten(() =>
        post('/leads', { channel: 'walk-in', contact: { phone: '13700000002' }, receivedBy: 'rep-gone' }, service),
      );
      expect(status).toBe(409);
      expect(body).toMatchObject({ code: 'RepDeparted', current: { repId: 'rep-gone' } });
    });
  });

  describe('leads that cannot be routed', () => {
    it.each([
      ['a web form without a pool', { channel: 'web-form', contact: { phone: '13700000003' } }, 400, 'poolId'],
      [
        'a rep-sourced lead without its rep',
        { channel: 'rep-sourced', contact: { phone: '13700000004' } },
        400,
        'receivedBy',
      ],
      [
        'a lead dated far in the future',
        { channel: 'web-form', contact: { phone: '13700000005' }, poolId: 'east', occurredAt: '9999-01-01T00:00:00Z' },
        400,
        'occurredAt',
      ],
    ])('answers %s with a 400 naming the field, and writes nothing', async (_, lead, status, field) => {
      const answer = await refusedWithNothingWritten(() => post('/leads', lead, service));
      expect(answer.status).toBe(status);
      expect((answer.body.problems as { field: string }[]).map((p) => p.field)).toEqual([field]);
    });

    it('answers 404 naming poolId for a pool nobody created, and writes nothing', async () => {
      const answer = await refusedWithNothingWritten(() =>
        post('/leads', { channel: 'web-form', contact: { phone: '13700000006' }, poolId: 'nowhere' }, service),
      );
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ field: 'poolId', message: 'pool nowhere was not found' });
    });

    it('refuses a reused external id with another body, naming the fields that differ; the same body answers alike', async () => {
      const lead = { channel: 'web-form', contact: { phone: '13700000007' }, poolId: 'east', externalId: 'crm-11' };
      const first = await post('/leads', lead, service).expect(201);
      await engine.settle();
      const changed = { ...lead, contact: { phone: '13700000008', name: '李雷' } };
      const { status, body } = await refusedWithNothingWritten(() => post('/leads', changed, service));
      expect(status).toBe(409);
      expect(body).toMatchObject({
        code: 'IdempotencyKeyReused',
        current: { leadId: first.body.leadId, fields: ['contact.name', 'contact.phone'] },
      });
      const again = await post('/leads', lead, service).expect(201);
      expect(again.body).toEqual(first.body);
    });
  });

  describe('the review queue', () => {
    it('lists a lead whose keys belong to two customers, flagged once, and a manager routes it to a rep', async () => {
      const a = await post('/leads', { channel: 'walk-in', contact: { phone: '13700000010' }, receivedBy: 'rep-wang' });
      const b = await post('/leads', {
        channel: 'walk-in',
        contact: { email: 'x@example.cn' },
        receivedBy: 'rep-zhao',
      });
      const both = { channel: 'web-form', contact: { phone: '13700000010', email: 'x@example.cn' }, poolId: 'east' };
      const flagged = await post('/leads', both, service).expect(201);
      expect(flagged.body).toMatchObject({ flaggedForReview: true, customerId: null });
      expect(flagged.body.history.filter((e: { type: string }) => e.type === 'LeadFlaggedForReview')).toHaveLength(1);
      await engine.settle();

      const queue = await get('/leads?status=flagged').expect(200);
      expect(queue.body).toEqual([
        expect.objectContaining({
          leadId: flagged.body.leadId,
          flagReason: 'identity keys belong to different customers',
        }),
      ]);
      await get('/leads?status=flagged', repKey['rep-li']).expect(403);

      const customerId = a.body.customerId as string;
      await post(`/leads/${flagged.body.leadId}/route`, { repId: 'rep-li', reason: 'same person' }).expect(400);
      // A customer the flag did not name is refused as that, even one a colleague protects.
      const other = await post('/leads', {
        channel: 'walk-in',
        contact: { phone: '13700000011' },
        receivedBy: 'rep-zhao',
      });
      await engine.settle();
      const notNamed = await refusedWithNothingWritten(() =>
        post(`/leads/${flagged.body.leadId}/route`, {
          repId: 'rep-li',
          customerId: other.body.customerId,
          reason: 'same person',
        }),
      );
      expect(notNamed.status).toBe(409);
      expect(notNamed.body).toMatchObject({
        code: 'CustomerNotInReview',
        current: { customerIds: expect.arrayContaining([customerId, b.body.customerId]) },
      });
      const routed = await post(`/leads/${flagged.body.leadId}/route`, {
        repId: 'rep-wang',
        customerId,
        reason: 'the e-mail was typed on the wrong record',
      }).expect(200);
      expect(routed.body).toMatchObject({ status: 'assigned', repId: 'rep-wang', customerId, flaggedForReview: false });
      const resolved = routed.body.history.find((e: { type: string }) => e.type === 'LeadReviewResolved');
      expect(resolved.data).toMatchObject({
        customerId,
        evidence: [
          { kind: 'phone', value: '+8613700000010', customerId },
          { kind: 'email', value: 'x@example.cn', customerId: b.body.customerId },
        ],
      });
      expect(routed.body.history.at(-1).data.trace).toMatchObject({ rule: 'manager-routing' });
      await engine.settle();
      expect((await get('/leads?status=flagged').expect(200)).body).toEqual([]);
    });
  });

  describe('the shared pool (公海) and claim rules', () => {
    it('refuses rules with a limit left out (400 naming it), rather than lifting it unseen', async () => {
      const put = (body: object) => engine.http().put('/shared-pool/rules').set('Authorization', manager).send(body);
      const before = await engine.store.headPosition();
      const capLeftOut = await put({ claimsPerDay: 2, reclaimCoolDownDays: 7 }).expect(400);
      expect(capLeftOut.body.problems).toEqual([
        { field: 'maxCustomersPerRep', problem: 'maxCustomersPerRep is required' },
      ]);
      // One line for a field left out, not each rule its absence breaks.
      const coolDownLeftOut = await put({ claimsPerDay: null, maxCustomersPerRep: null }).expect(400);
      expect(coolDownLeftOut.body.problems).toEqual([
        { field: 'reclaimCoolDownDays', problem: 'reclaimCoolDownDays is required' },
      ]);
      expect(await engine.store.headPosition()).toBe(before);
    });

    it('lists released customers newest release first, paged, and holds a rep to the daily claim limit', async () => {
      await registerReps(engine, manager, ['rep-leaver']);
      const phones = ['13700000021', '13700000022', '13700000023', '13700000024', '13700000025'];
      const customers: string[] = [];
      for (const phone of phones) {
        const lead = await post('/leads', {
          channel: 'walk-in',
          contact: { phone, name: `客户${phone.slice(-2)}` },
          receivedBy: 'rep-leaver',
        });
        customers.push(lead.body.customerId);
      }
      await engine.settle();
      await post('/reps/rep-leaver/departure', { mode: 'release', reason: 'moved away' }).expect(200);
      await engine.settle();

      const first = await get('/customers?status=released&limit=2', repKey['rep-li']).expect(200);
      expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0, nextOffset: 2 });
      expect(first.body.items[0]).toEqual({
        customerId: expect.any(String),
        name: expect.stringMatching(/^客户/),
        company: null,
        ownerId: null,
        protectedUntil: null,
        warned: false,
        releasedAt: expect.any(String),
        releaseReason: 'departure',
        formerOwnerId: null,
      });
      const pages = [first.body];
      for (let offset = 2; offset !== null;) {
        const page = await get(`/customers?status=released&limit=2&offset=${offset}`).expect(200);
        pages.push(page.body);
        offset = page.body.nextOffset;
      }
      const listed = pages.flatMap((p) => p.items.map((i: { customerId: string }) => i.customerId));
      expect([...listed].sort()).toEqual([...customers].sort());
      const releasedAt = pages.flatMap((p) => p.items.map((i: { releasedAt: string }) => i.releasedAt));
      expect(releasedAt).toEqual([...releasedAt].sort().reverse());
      const byManager = await get('/customers?status=released&ownerId=rep-leaver&limit=1').expect(200);
      expect(byManager.body.items[0].formerOwnerId).toBe('rep-leaver');

      await publishClaimRules(engine, manager, { claimsPerDay: 2, reclaimCoolDownDays: 7, maxCustomersPerRep: null });
      await post(`/customers/${customers[0]}/claim`, {}, repKey['rep-zhao']).expect(200);
      await post(`/customers/${customers[1]}/claim`, {}, repKey['rep-zhao']).expect(200);
      const third = await refusedWithNothingWritten(() =>
        post(`/customers/${customers[2]}/claim`, {}, repKey['rep-zhao']),
      );
      expect(third.status).toBe(409);
      expect(third.body).toMatchObject({
        code: 'DailyClaimLimitReached',
        current: { rule: 'claimsPerDay', limit: 2, claimedToday: 2, resetsAt: expect.any(String), policyVersion: 1 },
      });
      // A colleague's count is their own.
      await post(`/customers/${customers[2]}/claim`, {}, repKey['rep-li']).expect(200);
      expect(await countOf('ClaimCounted')).toBe(3);
      const afterClaims = await get('/customers?status=released').expect(200);
      expect(afterClaims.body.total).toBe(2);
    });
  });
});

describe('a departure racing work given to the departing rep', () => {
  let engine: EngineHarness;
  let manager: string;

  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    await createPool(engine, manager, {
      poolId: 'race',
      acceptanceSlaMinutes: 60,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [],
    });
  });
  afterAll(async () => engine.close());

  const post = (path: string, body: object) => engine.http().post(path).set('Authorization', manager).send(body);
  const get = (path: string) => engine.http().get(path).set('Authorization', manager);

  it('leaves the departed rep owning nothing, holding no lead and in no pool, 50 times over', async () => {
    for (let n = 0; n < 50; n++) {
      const repId = `rep-race-${n}`;
      await post('/reps', { repId, name: repId, email: `${repId}@example.cn`, team: 'east' }).expect(201);
      const phone = `1360000${String(n).padStart(4, '0')}`;
      const answers = await Promise.all([
        post(`/reps/${repId}/departure`, { mode: 'release', reason: 'left' }),
        post('/leads', { channel: 'walk-in', contact: { phone }, receivedBy: repId }),
        post('/pools/race/members', { repId, weight: 1 }),
      ]);
      expect(answers[0].status).toBe(200);
      expect([201, 409]).toContain(answers[1].status);
      expect([201, 409]).toContain(answers[2].status);
      await engine.settle();

      const owned = await get(`/customers?status=owned&ownerId=${repId}`).expect(200);
      expect(owned.body.total).toBe(0);
      expect((await get(`/reps/${repId}/leads`).expect(200)).body).toEqual([]);
      const pool = await get('/pools/race').expect(200);
      expect(pool.body.members.map((m: { repId: string }) => m.repId)).not.toContain(repId);
    }
  });
});
