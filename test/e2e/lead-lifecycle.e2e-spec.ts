import { type EngineHarness, startEngine } from './support/engine-harness';

describe('a lead’s lifecycle over HTTP', () => {
  let engine: EngineHarness;
  let manager: string;
  let wang: string;
  let li: string;
  let leadId: string;
  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
    wang = `Bearer ${await engine.key('rep', 'rep-wang')}`;
    li = `Bearer ${await engine.key('rep', 'rep-li')}`;
    for (const [repId, name] of [
      ['rep-wang', '王芳'],
      ['rep-li', '李雷'],
    ]) {
      await post('/reps', { repId, name, email: `${repId}@example.cn`, team: 'east' }).expect(201);
    }
    const { body } = await post(
      '/leads',
      { channel: 'walk-in', contact: { name: '张伟', phone: '138 0013 8000' }, receivedBy: 'rep-wang' },
      `Bearer ${await engine.key('service')}`,
    ).expect(201);
    leadId = body.leadId;
  });
  afterAll(async () => engine.close());

  const post = (path: string, body: object, auth = manager) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);

  it('gives a walk-in to the rep who received it, waiting for them to accept', async () => {
    await engine.settle();
    const { body } = await get(`/leads/${leadId}`, wang).expect(200);
    expect(body).toMatchObject({ status: 'assigned', repId: 'rep-wang', receivedBy: 'rep-wang', acceptBy: null });
  });

  it('keeps a colleague out: 403 on reading it, 409 naming its rep on accepting it, nothing written', async () => {
    await get(`/leads/${leadId}`, li).expect(403);
    const head = await engine.store.headPosition();
    const { body } = await post(`/leads/${leadId}/accept`, {}, li).expect(409);
    expect(body).toMatchObject({ code: 'NotAssignedToRep', current: { assignedTo: 'rep-wang', status: 'assigned' } });
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('does not let a rep act in a colleague’s name', async () => {
    await post(`/leads/${leadId}/accept`, { repId: 'rep-li' }, wang).expect(403);
  });

  it('is accepted, then qualified, by its rep, each answer showing the lead as it now stands', async () => {
    const accepted = await post(`/leads/${leadId}/accept`, {}, wang).expect(200);
    expect(accepted.body).toMatchObject({ leadId, status: 'accepted', repId: 'rep-wang' });
    const again = await post(`/leads/${leadId}/accept`, {}, wang).expect(200);
    expect(again.body.history).toHaveLength(accepted.body.history.length);

    const qualified = await post(`/leads/${leadId}/qualify`, { note: 'budget confirmed' }, wang).expect(200);
    expect(qualified.body).toMatchObject({ status: 'qualified', repId: 'rep-wang' });
    expect(qualified.body.history.at(-1)).toMatchObject({
      type: 'LeadQualified',
      data: { repId: 'rep-wang', note: 'budget confirmed' },
    });
  });

  it('shows where the lead stands and why it went there', async () => {
    await engine.settle();
    const { body } = await get(`/leads/${leadId}`, wang).expect(200);
    expect(body).toMatchObject({ status: 'qualified', repId: 'rep-wang', channel: 'walk-in' });
    expect(body.assignments).toEqual([
      expect.objectContaining({
        rule: 'received-walk-in',
        repId: 'rep-wang',
        note: 'rep-wang received the customer and nobody owned them',
        pool: null,
      }),
    ]);
    expect(body.history.map((e: { type: string }) => e.type)).toEqual([
      'LeadReceived',
      'LeadMatchedToCustomer',
      'LeadAssigned',
      'LeadAccepted',
      'LeadQualified',
    ]);
    expect(body.history[3]).toMatchObject({ actorRole: 'rep', position: expect.stringMatching(/^\d+$/) });
  });

  it('answers 400 naming `reason` for a disqualification reason it does not know, and writes nothing', async () => {
    const head = await engine.store.headPosition();
    const { body } = await post(`/leads/${leadId}/disqualify`, { reason: 'too-far' }, wang).expect(400);
    expect(body.problems.map((p: { field: string }) => p.field)).toEqual(['reason']);
    const blank = await post(`/leads/${leadId}/decline`, { reason: '  ' }, wang).expect(400);
    expect(blank.body.problems.map((p: { field: string }) => p.field)).toEqual(['reason']);
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('lists the rep’s inbox, by status if asked; a colleague’s inbox is not theirs to see', async () => {
    await engine.settle();
    const all = await get('/reps/rep-wang/leads', wang).expect(200);
    expect(all.body.map((l: { leadId: string }) => l.leadId)).toEqual([leadId]);
    const qualified = await get('/reps/rep-wang/leads?status=qualified').expect(200);
    expect(qualified.body).toEqual([expect.objectContaining({ leadId, status: 'qualified' })]);
    expect((await get('/reps/rep-wang/leads?status=assigned').expect(200)).body).toEqual([]);
    const bad = await get('/reps/rep-wang/leads?status=won').expect(400);
    expect(bad.body.problems[0].field).toBe('status');
    await get('/reps/rep-wang/leads', li).expect(403);
    await get('/reps/rep-nobody/leads').expect(404);
  });

  it('lets a manager act for the rep only by naming them, and close the lead as nobody’s rep', async () => {
    const named = await post(`/leads/${leadId}/accept`, {}).expect(400);
    expect(named.body.problems[0].field).toBe('repId');
    const { body } = await post(`/leads/${leadId}/disqualify`, { reason: 'no-budget', note: 'next year' }).expect(200);
    expect(body.status).toBe('disqualified');
    expect(body.history.at(-1)).toMatchObject({
      type: 'LeadDisqualified',
      data: { repId: null, reason: 'no-budget', note: 'next year' },
    });
    const closed = await post(`/leads/${leadId}/disqualify`, { reason: 'spam' }).expect(409);
    expect(closed.body).toMatchObject({ code: 'LeadClosed', current: { reason: 'no-budget' } });
  });

  it('answers 404 for a lead that does not exist', async () => {
    await get('/leads/no-such-lead').expect(404);
    await post('/leads/no-such-lead/accept', {}, wang).expect(404);
  });
});
