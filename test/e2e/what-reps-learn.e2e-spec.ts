import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/**
 * Issue 11: times in queries are business days in LEADLEDGER_TIMEZONE; what a rep may learn of a
 * colleague's customer is one policy on every route; keys, hand-overs and departures name only
 * registered, active reps.
 */
describe.each([
  ['by default', {}, false],
  ['when the company reveals owners', { LEADLEDGER_REVEAL_OWNER_TO_REPS: 'true' }, true],
] as const)('what a rep learns of a colleague’s customer, %s', (_name, env, revealed) => {
  let engine: EngineHarness;
  let manager: string;
  let service: string;
  let repKey: Record<string, string>;
  let customerId: string;

  beforeAll(async () => {
    engine = await startEngine({ env });
    manager = `Bearer ${await engine.key('manager')}`;
    service = `Bearer ${await engine.key('service')}`;
    repKey = await registerReps(engine, manager, ['rep-wang', 'rep-zhao']);
    const walkIn = { channel: 'walk-in', contact: { phone: '13600000001' }, receivedBy: 'rep-wang' };
    const { body } = await engine.http().post('/leads').set('Authorization', service).send(walkIn).expect(201);
    customerId = body.customerId;
    await engine.settle();
  });
  afterAll(async () => engine.close());

  const sourcedByZhao = { channel: 'rep-sourced', contact: { phone: '+86 136 0000 0001' } };
  const expected = () =>
    revealed ? { taken: true, customerId, ownerId: 'rep-wang', protectedUntil: expect.any(String) } : { taken: true };

  it('answers the rep’s rep-sourced lead and the rep’s look-up by phone with the same facts', async () => {
    const head = await engine.store.headPosition();
    const refused = await engine.http().post('/leads').set('Authorization', repKey['rep-zhao']).send(sourcedByZhao);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CustomerOwnedByColleague' });
    expect(refused.body.current).toEqual(expected());
    expect(await engine.store.headPosition()).toBe(head);

    for (const path of [`/customers?phone=13600000001`, `/customers/${customerId}`]) {
      const looked = await engine.http().get(path).set('Authorization', repKey['rep-zhao']).expect(403);
      expect(looked.body).toMatchObject({ code: 'CustomerOwnedByColleague' });
      expect(looked.body.current).toEqual(refused.body.current);
    }
  });

  it('shows the owner to a manager whatever the setting, and the owner sees their own customer', async () => {
    const asManager = await engine
      .http()
      .post('/leads')
      .set('Authorization', manager)
      .send({ ...sourcedByZhao, receivedBy: 'rep-zhao' })
      .expect(409);
    expect(asManager.body.current).toMatchObject({ customerId, ownerId: 'rep-wang' });
    await engine.http().get(`/customers/${customerId}`).set('Authorization', repKey['rep-wang']).expect(200);
  });
});

describe('times in queries, keys and hand-overs', () => {
  let engine: EngineHarness;
  let manager: string;
  let env: Record<string, string>;
  let customerId: string;

  beforeAll(async () => {
    // No scheduler: the backdated walk-in's protection has long run out, and a release would move the log.
    engine = await startEngine({
      env: { LEADLEDGER_TIMEZONE: 'Asia/Shanghai', LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' },
    });
    env = { LEADLEDGER_DATA_DIR: engine.dataDir, LEADLEDGER_TIMEZONE: 'Asia/Shanghai' };
    manager = `Bearer ${await engine.key('manager')}`;
    await registerReps(engine, manager, ['rep-li', 'rep-sun', 'rep-gone'], '2026-01-01T00:00:00Z');
    await post('/reps/rep-gone/departure', { mode: 'release', reason: 'resigned' }).expect(200);
    // 01:00 on 11 March in Shanghai, still 10 March in UTC.
    const walkIn = {
      channel: 'walk-in',
      contact: { phone: '13600000009' },
      receivedBy: 'rep-li',
      occurredAt: '2026-03-10T17:00:00Z',
    };
    customerId = (await post('/leads', walkIn).expect(201)).body.customerId;
    await engine.settle();
  });
  afterAll(async () => engine.close());

  function post(path: string, body: object) {
    return engine.http().post(path).set('Authorization', manager).send(body);
  }
  const get = (path: string) => engine.http().get(path).set('Authorization', manager);

  describe('a date-only value means the start of that business day in LEADLEDGER_TIMEZONE', () => {
    it('reads asOf=2026-03-11 as 00:00 in Shanghai (16:00 UTC the day before), not UTC midnight', async () => {
      const before = await get(`/customers/${customerId}/owner?asOf=2026-03-11`).expect(200);
      expect(before.body).toMatchObject({ asOf: '2026-03-10T16:00:00.000Z', owner: null });
      const after = await get(`/customers/${customerId}/owner?asOf=2026-03-12`).expect(200);
      expect(after.body.owner).toMatchObject({ repId: 'rep-li' });
      const encoded = await get(`/customers/${customerId}/owner?asOf=2026-03-11T01:30:00%2B08:00`).expect(200);
      expect(encoded.body).toMatchObject({ asOf: '2026-03-10T17:30:00.000Z', owner: { repId: 'rep-li' } });
    });

    it('answers an unencoded + (which arrives as a space) with a 400 saying to encode it as %2B', async () => {
      const { body } = await get(`/customers/${customerId}/owner?asOf=2026-03-11T01:30:00+08:00`).expect(400);
      expect(body.problems).toEqual([
        {
          field: 'asOf',
          problem: "asOf has a space where its offset's + was: write + as %2B in a URL (a bare + arrives as a space)",
        },
      ]);
      const attribution = await get('/attribution?from=2026-03-01T00:00:00+08:00&to=2026-04-01').expect(400);
      expect(attribution.body.problems.map((p: { field: string; problem: string }) => p.field)).toEqual(['from']);
      expect(attribution.body.problems[0].problem).toContain('%2B');
      await get('/attribution?from=2026-03-01&to=2026-04-01').expect(200);
    });
  });

  it('says so in the OpenAPI document, beside the fairness route and the explanation field', async () => {
    const { body } = await engine.http().get('/docs/openapi.json').expect(200);
    const described = (path: string, name: string) =>
      body.paths[path].get.parameters.find((p: { name: string }) => p.name === name).description as string;
    expect(described('/customers/{id}/owner', 'asOf')).toMatch(/start of that day in LEADLEDGER_TIMEZONE.*%2B/);
    expect(described('/attribution', 'from')).toContain('not UTC midnight');
    expect(described('/pools/{id}/fairness', 'to')).toContain('%2B');
    expect(body.components.schemas.LeadAssignmentDto.properties.explanation.description).toContain('read time');
    expect(body.components.schemas.PoolFairnessDto.required).toEqual(expect.arrayContaining(['largestDeficit']));
  });

  describe('keys, hand-overs and departures name registered, active reps', () => {
    it('refuses `keys create --rep` for an unknown or departed rep in one line, and makes one for an active rep', async () => {
      const unknown = await cli(env, ['keys', 'create', '--name', 'ghost', '--role', 'rep', '--rep', 'rep-ghost']);
      expect(unknown).toMatchObject({ code: 1, stdout: '' });
      expect(unknown.stderr).toBe(
        'no rep rep-ghost is registered: register the rep first (POST /reps), then make the key\n',
      );
      const departed = await cli(env, ['keys', 'create', '--name', 'gone', '--role', 'rep', '--rep', 'rep-gone']);
      expect(departed).toMatchObject({ code: 1, stderr: 'rep rep-gone has departed: a departed rep gets no key\n' });
      const made = await cli(env, ['keys', 'create', '--name', 'li', '--role', 'rep', '--rep', 'rep-li']);
      expect(made.code).toBe(0);
      const secret = /llk_\S+/.exec(made.stdout)![0];
      await engine.http().get('/reps/rep-li').set('Authorization', `Bearer ${secret}`).expect(200);
    });

    it('answers a hand-over or departure to an unknown rep with 404, and to a departed one with 409; nothing written', async () => {
      await engine.settle();
      const head = await engine.store.headPosition();
      await post('/reps/rep-li/hand-over', { toRepId: 'rep-ghost', reason: 'reorganised' }).expect(404);
      const gone = await post('/reps/rep-li/hand-over', { toRepId: 'rep-gone', reason: 'reorganised' }).expect(409);
      expect(gone.body).toMatchObject({ code: 'SuccessorNotActive', current: { successorRepId: 'rep-gone' } });
      const ghost = { mode: 'hand-off', successorRepId: 'rep-ghost', reason: 'resigned' };
      await post('/reps/rep-sun/departure', ghost).expect(404);
      const toGone = { mode: 'hand-off', successorRepId: 'rep-gone', reason: 'resigned' };
      await post('/reps/rep-sun/departure', toGone).expect(409);
      await post(`/customers/${customerId}/transfer`, { toRepId: 'rep-ghost', reason: 'x' }).expect(404);
      const transfer = await post(`/customers/${customerId}/transfer`, { toRepId: 'rep-gone', reason: 'x' }).expect(
        409,
      );
      expect(transfer.body).toMatchObject({ code: 'RepDeparted', current: { repId: 'rep-gone' } });
      expect(await engine.store.headPosition()).toBe(head);
    });
  });
});
