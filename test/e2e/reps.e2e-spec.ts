import { type EngineHarness, startEngine } from './support/engine-harness';

describe('reps', () => {
  let engine: EngineHarness;
  let manager: string;
  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
  });
  afterAll(async () => engine.close());

  const register = (body: object, auth = manager) => engine.http().post('/reps').set('Authorization', auth).send(body);
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);

  it('registers a rep, with a lower-case e-mail, and finds them in the directory', async () => {
    const { body } = await register({
      repId: 'rep-wang',
      name: ' 王芳 ',
      email: 'Wang.Fang@Example.cn',
      team: 'east',
    }).expect(201);
    expect(body).toMatchObject({
      repId: 'rep-wang',
      name: '王芳',
      email: 'wang.fang@example.cn',
      team: 'east',
      status: 'active',
      departedAt: null,
    });
    await engine.settle();
    expect((await get('/reps/rep-wang').expect(200)).body).toEqual(body);
  });

  it('makes an id when none is given, and answers a retry with the same Idempotency-Key with the same rep', async () => {
    const rep = { name: '李雷', email: 'li.lei@example.cn', team: 'north' };
    const first = await register(rep).set('Idempotency-Key', 'hire-77').expect(201);
    expect(first.body.repId).toEqual(expect.any(String));
    const retry = await register(rep).set('Idempotency-Key', 'hire-77').expect(201);
    expect(retry.body).toEqual(first.body);
    const other = await register(rep).expect(201);
    expect(other.body.repId).not.toBe(first.body.repId);
  });

  it('lists reps, by team or status', async () => {
    await engine.settle();
    const all = await get('/reps').expect(200);
    expect(all.body.length).toBe(3);
    const east = await get('/reps?team=east&status=active').expect(200);
    expect(east.body.map((r: { repId: string }) => r.repId)).toEqual(['rep-wang']);
    expect((await get('/reps?status=departed').expect(200)).body).toEqual([]);
    await get('/reps?status=gone').expect(400);
    await get('/reps', `Bearer ${await engine.key('finance')}`).expect(200);
  });

  it('refuses a second registration of the same id with 409', async () => {
    const { body } = await register({ repId: 'rep-wang', name: 'x', email: 'x@example.cn', team: 'west' }).expect(409);
    expect(body).toMatchObject({ code: 'RepAlreadyRegistered', current: { status: 'active' } });
  });

  it('answers 400 naming the field for a bad e-mail or a blank name, and writes nothing', async () => {
    const head = await engine.store.headPosition();
    const email = await register({ repId: 'rep-zhao', name: '赵敏', email: 'not-an-email', team: 'east' }).expect(400);
    expect(email.body.problems.map((p: { field: string }) => p.field)).toEqual(['email']);
    const name = await register({ repId: 'rep-zhao', name: '   ', email: 'zhao@example.cn', team: 'east' }).expect(400);
    expect(name.body.problems.map((p: { field: string }) => p.field)).toEqual(['name']);
    await register({ name: '赵敏', email: 'zhao@example.cn' }).expect(400);
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('shows a rep only themselves, and lets only managers and admins register', async () => {
    const wang = `Bearer ${await engine.key('rep', 'rep-wang')}`;
    await get('/reps/rep-wang', wang).expect(200);
    await get(`/reps/rep-li`, wang).expect(403);
    await get('/reps', wang).expect(403);
    await register({ repId: 'rep-self', name: 'me', email: 'me@example.cn', team: 'east' }, wang).expect(403);
  });

  it('answers 404 for a rep nobody registered', async () => {
    await get('/reps/rep-nobody').expect(404);
  });
});
