import { ManualClock } from '@leadledger/kernel';
import { parseCsv } from './support/csv-rows';
import { type EngineHarness, startEngine } from './support/engine-harness';

interface Entry {
  position: string;
  type: string;
  occurredAt: string;
  actorRole: string;
  reason: string | null;
  sentence: string;
  stateAfter: Record<string, unknown>;
}

describe('timelines: every event that touched a customer, a lead or a rep, in words', () => {
  const clock = new ManualClock('2026-11-20T00:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let wang: string;
  let li: string;
  let customerId: string;
  let leadId: string;

  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    for (const [repId, name] of [
      ['rep-wang', 'Wang Fang'],
      ['rep-li', 'Li Lei'],
    ]) {
      await engine
        .http()
        .post('/reps')
        .set('Authorization', manager)
        .send({ repId, name, email: `${repId}@example.cn`, team: 'east', joinedAt: '2026-11-01T00:00:00Z' })
        .expect(201);
    }
    wang = `Bearer ${await engine.key('rep', 'rep-wang')}`;
    li = `Bearer ${await engine.key('rep', 'rep-li')}`;
    // Wang receives the walk-in on 2 November, follows up on the 5th; on the 10th a manager
    // moves the customer to Li (recorded on the 20th, dated back).
    const lead = await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${await engine.key('service')}`)
      .send({
        channel: 'walk-in',
        contact: { phone: '138 0013 8000' },
        receivedBy: 'rep-wang',
        occurredAt: '2026-11-02T10:00:00Z',
      })
      .expect(201);
    ({ customerId, leadId } = lead.body);
    await engine.settle();
    await engine
      .http()
      .post(`/customers/${customerId}/follow-ups`)
      .set('Authorization', wang)
      .send({ kind: 'visit', note: 'showed the samples', occurredAt: '2026-11-05T09:00:00Z' })
      .expect(201);
    await engine
      .http()
      .post(`/customers/${customerId}/transfer`)
      .set('Authorization', manager)
      .send({ toRepId: 'rep-li', reason: 'territory change', effectiveAt: '2026-11-10T00:00:00Z' })
      .expect(200);
    await engine.settle();
  });
  afterAll(async () => engine.close());

  it('tells the customer’s story in order, each event with its sentence, actor, reason and the owner after it', async () => {
    const { body } = await get(`/customers/${customerId}/timeline`).expect(200);
    const entries: Entry[] = body.entries;

    expect(entries[0]).toMatchObject({
      type: 'LeadReceived',
      sentence: 'Wang Fang received the walk-in; nobody owned the customer',
      occurredAt: '2026-11-02T10:00:00.000Z',
      stateAfter: { status: 'unregistered', ownerId: null },
    });
    const owners = entries.filter((e) => e.type === 'OwnershipAssigned');
    expect(owners.map((e) => e.sentence)).toEqual([
      'Wang Fang became the owner by receiving them in person; nobody owned the customer; protected until 2026-12-02T10:00:00.000Z',
      'Li Lei became the owner by a transfer; Wang Fang owned the customer; protected until 2026-12-10T00:00:00.000Z',
    ]);
    expect(owners[1]).toMatchObject({
      actorRole: 'manager',
      reason: 'territory change',
      occurredAt: '2026-11-10T00:00:00.000Z',
      stateAfter: { status: 'owned', ownerId: 'rep-li', protectedUntil: '2026-12-10T00:00:00.000Z' },
    });
    const followUp = entries.find((e) => e.type === 'FollowUpLogged');
    expect(followUp).toMatchObject({
      actorRole: 'rep',
      sentence: 'Wang Fang followed up (visit); protection now runs until 2026-12-05T09:00:00.000Z',
      stateAfter: { ownerId: 'rep-wang', protectedUntil: '2026-12-05T09:00:00.000Z' },
    });
    const positions = entries.map((e) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(body).toMatchObject({ subject: { kind: 'customer', id: customerId }, asOf: null, next: null });
    expect(body.state).toEqual({
      status: 'owned',
      ownerId: 'rep-li',
      protectedUntil: '2026-12-10T00:00:00.000Z',
      warned: false,
    });
  });

  it('replays up to asOf and answers the owner then, on either side of the transfer', async () => {
    const before = await get(`/customers/${customerId}/timeline?asOf=2026-11-09T23:59:59Z`).expect(200);
    const after = await get(`/customers/${customerId}/timeline?asOf=2026-11-10`).expect(200);

    expect(before.body.state).toMatchObject({ ownerId: 'rep-wang', protectedUntil: '2026-12-05T09:00:00.000Z' });
    expect(before.body.entries.every((e: Entry) => e.occurredAt <= '2026-11-09T23:59:59Z')).toBe(true);
    expect(before.body.asOf).toBe('2026-11-09T23:59:59.000Z');
    // A date means the start of that business day (UTC here): the transfer at 00:00 is in.
    expect(after.body.state).toMatchObject({ ownerId: 'rep-li' });
    expect(after.body.entries.length).toBe(before.body.entries.length + 1);
  });

  it('pages with after = the previous next, and the pages add up to the whole timeline', async () => {
    const whole: Entry[] = (await get(`/customers/${customerId}/timeline`).expect(200)).body.entries;
    const paged: Entry[] = [];
    let after: string | null = null;
    do {
      const url: string = `/customers/${customerId}/timeline?limit=2${after ? `&after=${after}` : ''}`;
      const { body } = await get(url).expect(200);
      expect(body.entries.length).toBeLessThanOrEqual(2);
      paged.push(...body.entries);
      after = body.next;
    } while (after !== null);

    expect(paged).toEqual(whole);
  });

  it('exports the timeline as CSV for an HR or legal file', async () => {
    const whole: Entry[] = (await get(`/customers/${customerId}/timeline`).expect(200)).body.entries;
    const res = await get(`/customers/${customerId}/timeline?format=csv`).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const { header, rows } = parseCsv(res.text);
    expect(header).toEqual([
      'position',
      'occurred_at',
      'recorded_at',
      'type',
      'stream_id',
      'actor_id',
      'actor_role',
      'reason',
      'sentence',
      'state_status',
      'state_owner_id',
      'state_protected_until',
      'state_warned',
    ]);
    expect(rows.map((r) => r.sentence)).toEqual(whole.map((e) => e.sentence));
    expect(rows.at(-1)).toMatchObject({ state_owner_id: 'rep-li', reason: 'territory change' });
  });

  it('tells a lead’s story with its status and holder after each event', async () => {
    const { body } = await get(`/leads/${leadId}/timeline`).expect(200);

    expect(body.entries[0]).toMatchObject({
      type: 'LeadReceived',
      sentence: 'Wang Fang received the walk-in',
      stateAfter: { status: 'received', repId: null, customerId: null },
    });
    expect(body.state).toMatchObject({ repId: 'rep-wang', customerId });
    expect(body.entries.map((e: Entry) => e.type)).toContain('LeadMatchedToCustomer');
  });

  it('gives a rep’s timeline within [from, to), with what a transfer took from them', async () => {
    const early = await get('/reps/rep-wang/timeline?from=2026-11-01&to=2026-11-05', wang).expect(200);
    const all = await get('/reps/rep-wang/timeline', wang).expect(200);

    expect(early.body.entries.length).toBeGreaterThan(0);
    expect(early.body.entries.every((e: Entry) => e.occurredAt >= '2026-11-01' && e.occurredAt < '2026-11-05')).toBe(
      true,
    );
    expect(early.body.entries.map((e: Entry) => e.type)).not.toContain('FollowUpLogged');
    const lost = all.body.entries.find((e: Entry) => e.sentence.startsWith('Li Lei became the owner by a transfer'));
    expect(lost).toMatchObject({
      stateAfter: { subject: { kind: 'customer', id: customerId }, state: { ownerId: 'rep-li' } },
    });
    expect(all.body.entries.map((e: Entry) => e.type)).toEqual(
      expect.arrayContaining(['RepRegistered', 'LeadReceived', 'FollowUpLogged']),
    );
    // Wang's API key was made for him, but a key's stream id is its hash: never on a timeline.
    expect(all.body.entries.map((e: Entry) => e.type)).not.toContain('ApiKeyCreated');
    expect(JSON.stringify(all.body)).not.toContain('api-key-');
  });

  it('pages a rep’s timeline by its next cursor', async () => {
    const whole = (await get('/reps/rep-wang/timeline').expect(200)).body.entries;
    const first = await get('/reps/rep-wang/timeline?limit=3').expect(200);
    const rest = await get(`/reps/rep-wang/timeline?limit=1000&after=${encodeURIComponent(first.body.next)}`).expect(
      200,
    );

    expect([...first.body.entries, ...rest.body.entries]).toEqual(whole);
    expect(rest.body.next).toBeNull();
  });

  it('narrows a rep’s timeline to one customer’s or lead’s own events, the same entries as filtering the whole', async () => {
    const whole = (await get('/reps/rep-wang/timeline?limit=1000').expect(200)).body.entries as Entry[];
    for (const subject of [`customer-${customerId}`, `lead-${leadId}`]) {
      const [kind, id] = [subject.slice(0, subject.indexOf('-')), subject.slice(subject.indexOf('-') + 1)];
      const about = whole.filter((e) => {
        const state = e.stateAfter as unknown as { subject: { kind: string; id: string } };
        return state.subject.kind === kind && state.subject.id === id;
      });
      const narrowed = await get(`/reps/rep-wang/timeline?subject=${subject}`).expect(200);
      expect(about.length).toBeGreaterThan(0);
      expect(narrowed.body.entries).toEqual(about);
    }
    const bad = await get('/reps/rep-wang/timeline?subject=sale-1').expect(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(['subject']);
  });

  it('shows a rep only their own timeline and their own customers’ and leads’', async () => {
    await get('/reps/rep-wang/timeline', li).expect(403);
    await get(`/customers/${customerId}/timeline`, li).expect(200);
    await get(`/customers/${customerId}/timeline`, wang).expect(200);
    await get(`/leads/${leadId}/timeline`, li).expect(403);
  });

  it('answers 404 for an unknown customer, lead or rep, and 400 for a bad asOf, after or window', async () => {
    await get('/customers/nobody/timeline').expect(404);
    await get('/leads/nothing/timeline').expect(404);
    await get('/reps/rep-nobody/timeline').expect(404);
    const badAsOf = await get(`/customers/${customerId}/timeline?asOf=yesterday`).expect(400);
    const badAfter = await get(`/customers/${customerId}/timeline?after=abc`).expect(400);
    const badCursor = await get('/reps/rep-wang/timeline?after=42').expect(400);

    expect(badAsOf.body.problems.map((p: { field: string }) => p.field)).toEqual(['asOf']);
    expect(badAfter.body.problems.map((p: { field: string }) => p.field)).toEqual(['after']);
    expect(badCursor.body.problems.map((p: { field: string }) => p.field)).toEqual(['after']);
  });
});
