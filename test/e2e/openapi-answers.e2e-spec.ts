import { ManualClock } from '@leadledger/kernel';
import type { Response } from 'supertest';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type Document, describesFields, responseSchema, validators } from './support/openapi-check';
import { bookedPlan, createPool, registerReps } from './support/sales-team';

/**
 * Real answers of the routes whose bodies the OpenAPI document describes with response DTOs
 * (statements, reconciliation, payout runs, adjustments, disputes, timelines, replays, what-if,
 * AsyncAPI), each validated against the schema the document declares for it, which must name
 * the answer's fields: as it is, and closed (no field the schema does not name), so the
 * document neither contradicts an answer nor leaves out a field of it. The history is made
 * through the HTTP API on the real store.
 */

/** Every operation this suite checks a real answer of. */
const DOCUMENTED = [
  'POST /ledger/adjustments',
  'GET /reps/{id}/statements/{period}',
  'GET /partners/{id}/statements/{period}',
  'GET /reconciliation',
  'GET /payout-runs/{period}/preview',
  'POST /payout-runs',
  'GET /payout-runs',
  'GET /payout-runs.csv',
  'GET /payout-runs/{period}',
  'POST /disputes',
  'GET /disputes',
  'GET /disputes/{id}',
  'POST /disputes/{id}/comments',
  'POST /disputes/{id}/resolution',
  'GET /customers/{id}/timeline',
  'GET /leads/{id}/timeline',
  'GET /reps/{id}/timeline',
  'GET /leads/{id}/assignments/{n}/replay',
  'GET /ledger/lines/{id}/replay',
  'POST /what-if/routing',
  'POST /what-if/plans',
  'GET /asyncapi.json',
];

interface Line {
  readonly lineId: string;
  readonly kind: string;
  readonly payee: { readonly id: string };
}

describe('the OpenAPI document describes what the engine answers', () => {
  const clock = new ManualClock('2026-09-20T00:00:00.000Z');
  let engine: EngineHarness;
  let document: Document;
  let compile: ReturnType<typeof validators>;
  let compileClosed: ReturnType<typeof validators>;
  let admin: string;
  let manager: string;
  let finance: string;
  let rep: Record<string, string>;
  /** The pool's lead (declined by its first rep, re-routed), the walk-in, the rep-sourced lead with a partner. */
  const lead: Record<'pooled' | 'walkIn' | 'sourced', { leadId: string; customerId: string; repId: string }> =
    {} as never;
  const checked = new Set<string>();

  const post = (path: string, body: object, auth = admin) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = admin) => engine.http().get(path).set('Authorization', auth);
  /** The answer's status, then its body against the declared schema: as declared, and closed. */
  const problemsOf = (at: string, answer: Response, status = 200): string[] => {
    expect(`${at} ${answer.status}`).toBe(`${at} ${status}`);
    expect(answer.type).toBe('application/json');
    checked.add(at);
    const schema = responseSchema(document, at, String(status));
    // A schema that names no field (a bare object) would take any answer.
    if (!describesFields(document, schema)) return [`${at} ${status}: ${JSON.stringify(schema)} names no field`];
    const problems: string[] = [];
    for (const [how, validate] of [
      ['as declared', compile(schema)],
      ['closed', compileClosed(schema)],
    ] as const)
      if (!validate(answer.body)) problems.push(`${at} ${status} (${how}): ${JSON.stringify(validate.errors)}`);
    return problems;
  };

  beforeAll(async () => {
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    document = (await engine.http().get('/docs/openapi.json').expect(200)).body;
    compile = validators(document);
    compileClosed = validators(document, { closed: true });
    admin = `Bearer ${await engine.key('admin')}`;
    manager = `Bearer ${await engine.key('manager')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    rep = await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c']);
    await createPool(engine, manager, {
      poolId: 'east',
      acceptanceSlaMinutes: 600,
      protectionDays: 30,
      protectionWarningDays: 5,
      members: [
        { repId: 'rep-a', weight: 2 },
        { repId: 'rep-b', weight: 1 },
      ],
    });
    // Booked, with a tier (its base shows in a line's replay) and a referral partner's fee.
    const plan = bookedPlan({
      tiers: [{ aboveMinor: 500_000, multiplierBps: 15_000 }],
      partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null },
    });
    await post('/commission-plans', plan, finance).expect(201);

    clock.set('2026-10-02T02:00:00.000Z');
    const intake = async (body: object) => (await post('/leads', body).expect(201)).body;
    lead.pooled = await intake({ channel: 'web-form', poolId: 'east', contact: { phone: '13900000001' } });
    lead.walkIn = await intake({ channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000002' } });
    lead.sourced = await intake({
      channel: 'rep-sourced',
      receivedBy: 'rep-c',
      referralPartnerId: 'partner-1',
      contact: { phone: '13900000003', email: 'c@example.cn' },
    });
    // The pool's first pick passes; the pool gives the lead to the other member.
    await post(`/leads/${lead.pooled.leadId}/decline`, { reason: 'on leave' }, rep[lead.pooled.repId]).expect(200);
    await engine.settle();

    clock.set('2026-10-20T02:00:00.000Z');
    for (const [externalId, { customerId, repId }] of [
      ['SO-1', lead.walkIn],
      ['SO-2', lead.sourced],
    ] as const) {
      const sale = { externalId, customerId, amount: 1_000_000, currency: 'CNY', closingRepId: repId };
      await post('/sales', { ...sale, closedAt: '2026-10-10T10:00:00+08:00' }, finance).expect(201);
    }
    await engine.settle();
  });
  afterAll(async () => engine.close()); // runs the CLI's verify and the feed's schema check

  it('describes an adjustment, statements, the reconciliation and the payout preview', async () => {
    const adjustment = { payeeKind: 'rep', payeeId: 'rep-a', amount: 5_000, currency: 'CNY', reason: 'bonus' };
    const problems = [
      ...problemsOf('POST /ledger/adjustments', await post('/ledger/adjustments', adjustment, finance), 201),
      ...problemsOf('GET /reps/{id}/statements/{period}', await get('/reps/rep-b/statements/2026-10', finance)),
      ...problemsOf('GET /reps/{id}/statements/{period}', await get('/reps/rep-a/statements/2026-10', finance)),
      ...problemsOf(
        'GET /partners/{id}/statements/{period}',
        await get('/partners/partner-1/statements/2026-10', finance),
      ),
      ...problemsOf('GET /reconciliation', await get('/reconciliation?period=2026-10', finance)),
      ...problemsOf('GET /payout-runs/{period}/preview', await get('/payout-runs/2026-10/preview', finance)),
    ];
    expect(problems).toEqual([]);
    // The same routes in CSV, as the document also declares.
    const csv = await get('/reps/rep-b/statements/2026-10?format=csv', finance).expect(200);
    expect(csv.type).toBe('text/csv');
    expect(responseSchema(document, 'GET /reps/{id}/statements/{period}', '200', 'text/csv')).toEqual({
      type: 'string',
    });
  });

  it('describes a payout run as made, listed and read back', async () => {
    clock.set('2026-11-02T02:00:00.000Z');
    const made = await post('/payout-runs', { period: '2026-10' }, finance);
    const problems = [
      ...problemsOf('POST /payout-runs', made, 201),
      ...problemsOf('GET /payout-runs', await get('/payout-runs', finance)),
      // The `.csv` path answers JSON when asked for it by name.
      ...problemsOf('GET /payout-runs.csv', await get('/payout-runs.csv?format=json', finance)),
      ...problemsOf('GET /payout-runs/{period}', await get('/payout-runs/2026-10', finance)),
    ];
    expect(problems).toEqual([]);
    expect((await get('/payout-runs.csv', finance).expect(200)).type).toBe('text/csv');
  });

  it('describes disputes about a lead, a ledger line and a customer: opened, commented, listed, read, resolved', async () => {
    const lines: Line[] = (await get('/reps/rep-b/statements/2026-10', finance).expect(200)).body.lines;
    const open = (body: object, auth: string) => post('/disputes', body, auth);
    const aboutLead = await open(
      { subject: { kind: 'lead-assignment', id: lead.walkIn.leadId }, claim: 'mine', repId: 'rep-a' },
      manager,
    );
    const aboutLine = await open(
      { subject: { kind: 'ledger-line', id: lines[0].lineId }, claim: 'too low' },
      rep['rep-b'],
    );
    const aboutCustomer = await open(
      {
        subject: { kind: 'customer-ownership', id: lead.pooled.customerId },
        claim: 'the pool gave them to me',
        evidence: [{ kind: 'lead', id: lead.pooled.leadId }],
      },
      rep[lead.pooled.repId],
    );
    const [leadDispute, lineDispute] = [aboutLead.body.disputeId, aboutLine.body.disputeId];
    const comment = await post(`/disputes/${leadDispute}/comments`, { text: 'my walk-in' }, rep['rep-b']);
    // rep-a had no part in the lead: the dispute without the lead's record (subjectRecord null).
    const asClaimant = await get(`/disputes/${leadDispute}`, rep['rep-a']);
    expect(asClaimant.body.subjectRecord).toBeNull();
    const upheld = await post(
      `/disputes/${lineDispute}/resolution`,
      { outcome: 'upheld', reason: 'agreed', adjustments: [{ repId: 'rep-b', amount: 1_000, currency: 'CNY' }] },
      manager,
    );
    const rejected = await post(`/disputes/${leadDispute}/resolution`, { outcome: 'rejected', reason: 'no' }, manager);
    expect([upheld.body.resolution.remedy.adjustments.length, rejected.body.resolution.outcome]).toEqual([
      1,
      'rejected',
    ]);
    const problems = [
      ...problemsOf('POST /disputes', aboutLead, 201),
      ...problemsOf('POST /disputes', aboutLine, 201),
      ...problemsOf('POST /disputes', aboutCustomer, 201),
      ...problemsOf('POST /disputes/{id}/comments', comment, 201),
      ...problemsOf('GET /disputes/{id}', asClaimant),
      ...problemsOf('POST /disputes/{id}/resolution', upheld),
      ...problemsOf('POST /disputes/{id}/resolution', rejected),
      ...problemsOf('GET /disputes/{id}', await get(`/disputes/${lineDispute}`, finance)),
      ...problemsOf('GET /disputes', await get('/disputes', manager)),
    ];
    expect(problems).toEqual([]);
  });

  it('describes the timelines of a customer, a lead and a rep, whole, as of a day and paged', async () => {
    const { customerId, leadId } = lead.walkIn;
    const problems = [
      ...problemsOf('GET /customers/{id}/timeline', await get(`/customers/${customerId}/timeline`)),
      ...problemsOf('GET /customers/{id}/timeline', await get(`/customers/${customerId}/timeline?asOf=2026-10-01`)),
      ...problemsOf('GET /leads/{id}/timeline', await get(`/leads/${lead.pooled.leadId}/timeline`)),
      ...problemsOf('GET /leads/{id}/timeline', await get(`/leads/${leadId}/timeline?asOf=2026-10-01`)),
      ...problemsOf('GET /reps/{id}/timeline', await get('/reps/rep-a/timeline?limit=5')),
      ...problemsOf('GET /reps/{id}/timeline', await get('/reps/rep-b/timeline?from=2026-10-01&to=2026-11-01')),
    ];
    expect(problems).toEqual([]);
  });

  it('describes replays: a pool rotation, a re-route, a rule, a person’s routing; a sale’s line and an adjustment', async () => {
    clock.set('2026-11-03T02:00:00.000Z');
    // A lead whose keys name two customers, flagged for review and routed by a manager: a person decided.
    const contact = { phone: '13900000001', email: 'c@example.cn' };
    const stuck = (await post('/leads', { channel: 'web-form', poolId: 'east', contact }).expect(201)).body;
    expect(stuck.flaggedForReview).toBe(true);
    const route = {
      repId: 'rep-c',
      customerId: lead.sourced.customerId,
      reason: 'the same person as rep-c’s customer',
    };
    await post(`/leads/${stuck.leadId}/route`, route, manager).expect(200);
    const replay = (leadId: string, n: number) => get(`/leads/${leadId}/assignments/${n}/replay`, manager);
    const byPerson = await replay(stuck.leadId, 1);
    expect(byPerson.body).toMatchObject({ replayed: null, identical: null });
    const lineOf = async (repId: string, kind: string) =>
      ((await get(`/reps/${repId}/statements/2026-10`, finance).expect(200)).body.lines as Line[]).find(
        (l) => l.kind === kind,
      )!;
    const lineReplay = async (line: Line) => get(`/ledger/lines/${encodeURIComponent(line.lineId)}/replay`, finance);
    const accrual = await lineReplay(await lineOf('rep-b', 'accrual'));
    expect(accrual.body.inputs.tierBase).not.toBeNull();
    const adjusted = await lineReplay(await lineOf('rep-a', 'adjustment'));
    expect(adjusted.body.inputs.decision).toMatchObject({ reason: 'bonus' });
    const problems = [
      ...problemsOf('GET /leads/{id}/assignments/{n}/replay', await replay(lead.pooled.leadId, 1)),
      ...problemsOf('GET /leads/{id}/assignments/{n}/replay', await replay(lead.pooled.leadId, 2)),
      ...problemsOf('GET /leads/{id}/assignments/{n}/replay', await replay(lead.walkIn.leadId, 1)),
      ...problemsOf('GET /leads/{id}/assignments/{n}/replay', byPerson),
      ...problemsOf('GET /ledger/lines/{id}/replay', accrual),
      ...problemsOf('GET /ledger/lines/{id}/replay', adjusted),
    ];
    expect(problems).toEqual([]);
  });

  it('describes what-if answers for routing and for a draft plan, and the AsyncAPI document', async () => {
    const routing = await post(
      '/what-if/routing',
      {
        poolId: 'east',
        from: '2026-10-01',
        to: '2026-10-05',
        changes: [
          { kind: 'member', from: '2026-10-02', repId: 'rep-a', dailyCap: 1, monthlyCap: null },
          { kind: 'strategy', strategy: 'least-assigned' },
        ],
      },
      manager,
    );
    const draft = bookedPlan({
      version: 2,
      ratesBps: { 'new-rep-sourced': 900, 'new-company-provided': 500, existing: 300 },
    });
    const plans = await post('/what-if/plans', { period: '2026-10', plan: draft }, finance);
    const problems = [
      ...problemsOf('POST /what-if/routing', routing),
      ...problemsOf('POST /what-if/plans', plans),
      ...problemsOf('GET /asyncapi.json', await engine.http().get('/asyncapi.json')),
    ];
    expect(problems).toEqual([]);
  });

  it('checked a real answer of every operation on its list', () => {
    expect([...checked].sort()).toEqual([...DOCUMENTED].sort());
  });
});
