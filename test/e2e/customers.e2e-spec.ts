import { type EngineHarness, startEngine } from './support/engine-harness';

describe('customer lookups', () => {
  let engine: EngineHarness;
  let manager: string;
  let customerId: string;
  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    const { body } = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({
        channel: 'walk-in',
        contact: { phone: '138 0013 8000', email: 'Zhang.Wei@Example.cn' },
        receivedBy: 'rep-wang',
        occurredAt: '2026-11-02T10:00:00+08:00',
      })
      .expect(201);
    customerId = body.customerId;
    await engine.settle();
  });
  afterAll(async () => engine.close());

  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);

  it('finds the owner by phone in any format, with since when and via which rule', async () => {
    const { body } = await get('/customers?phone=%2B86%20138-0013-8000').expect(200);
    expect(body).toMatchObject({
      customerId,
      finderRepId: 'rep-wang',
      owner: { repId: 'rep-wang', since: '2026-11-02T02:00:00.000Z', via: 'received-walk-in' },
    });
    expect(body.ownership).toEqual([
      expect.objectContaining({
        repId: 'rep-wang',
        from: '2026-11-02T02:00:00.000Z',
        to: null,
        via: 'received-walk-in',
      }),
    ]);
  });

  it('finds the same customer by e-mail, whatever its case', async () => {
    const { body } = await get('/customers?email=zhang.wei@EXAMPLE.cn').expect(200);
    expect(body.customerId).toBe(customerId);
  });

  it('answers who owned the customer at a time', async () => {
    const before = await get(`/customers/${customerId}/owner?asOf=2026-11-01T00:00:00Z`).expect(200);
    expect(before.body.owner).toBeNull();
    const after = await get(`/customers/${customerId}/owner?asOf=2026-11-03T00:00:00Z`).expect(200);
    expect(after.body.owner).toMatchObject({ repId: 'rep-wang', via: 'received-walk-in' });
  });

  it('shows a rep their own customer and not a colleague’s', async () => {
    await get(`/customers/${customerId}`, `Bearer ${await engine.key('rep', 'rep-wang')}`).expect(200);
    await get(`/customers/${customerId}`, `Bearer ${await engine.key('rep', 'rep-li')}`).expect(403);
  });

  it('answers 404 for an unknown customer or key, and 400 for a malformed query', async () => {
    await get('/customers/no-such-customer').expect(404);
    await get('/customers?phone=13911119999').expect(404);
    const both = await get('/customers?phone=13800138000&email=a@b.cn').expect(400);
    expect(both.body.problems[0].problem).toBe('give exactly one of phone, email or company');
    const badTime = await get(`/customers/${customerId}/owner?asOf=yesterday`).expect(400);
    expect(badTime.body.problems[0].field).toBe('asOf');
  });
});
