import { resolveDispute } from '@leadledger/disputes';
import { ManualClock } from '@leadledger/kernel';
import { DisputeRemedySweep } from '../../apps/engine/src/disputes/dispute-remedy-sweep';
import { Scheduler } from '../../apps/engine/src/scheduler/scheduler.service';
import { CrashingStore } from '../workflows/crashing-store';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/**
 * The seed forum's case (新客户主动找上门): rep-a followed a customer for weeks; the protection
 * lapsed by days; the customer walked in and rep-b received them and closed the sale. rep-a
 * disputes; the manager reads both reps' parts of the customer's ownership, upholds with a
 * transfer dated at the walk-in, and moves the sale's commission to rep-a by adjustments that
 * name the dispute.
 */
describe('disputes: "that customer was mine"', () => {
  const clock = new ManualClock('2026-09-30T00:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let finance: string;
  let rep: Record<string, string>;
  let customerId: string;
  let firstLeadId: string;
  let walkInLeadId: string;
  let saleLine: { amount: number; payee: { id: string }; lineId: string };
  let disputeId: string;
  const WALK_IN_AT = '2026-11-10T02:00:00.000Z';

  const post = (path: string, body: object, auth = manager) =>
    engine.http().post(path).set('Authorization', auth).send(body);
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);
  const logLength = async () => (await engine.store.headPosition()).toString();

  beforeAll(async () => {
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    manager = `Bearer ${await engine.key('manager')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    rep = await registerReps(engine, manager, ['rep-a', 'rep-b', 'rep-c']);
    await post(
      '/commission-plans',
      {
        planId: 'sales-2026',
        version: 1,
        currency: 'CNY',
        periodLength: 'month',
        timeZone: 'Asia/Shanghai',
        effectiveFrom: '2026-10-01T00:00:00+08:00',
        basis: 'booked',
        newCustomerWindowDays: 90,
        clawbackWindowDays: 60,
        rounding: 'half-up',
        ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
      },
      finance,
    ).expect(201);
  });
  afterAll(async () => engine.close()); // runs the CLI's verify and the feed's schema check

  it('sets the scene: rep-a follows the customer, protection lapses, the walk-in goes to rep-b, rep-b sells', async () => {
    clock.set('2026-10-02T02:00:00.000Z');
    const call = await post('/leads', { channel: 'phone', receivedBy: 'rep-a', contact: { phone: '13900000011' } });
    expect(call.status).toBe(201);
    ({ customerId, leadId: firstLeadId } = call.body);
    clock.set('2026-10-09T08:00:00.000Z');
    for (const [kind, occurredAt] of [
      ['call', '2026-10-05T03:00:00.000Z'],
      ['quote', '2026-10-09T07:00:00.000Z'],
    ])
      await post(`/customers/${customerId}/follow-ups`, { kind, note: '报价 20,000', occurredAt }, rep['rep-a']).expect(
        201,
      );
    clock.set('2026-11-05T08:00:00.000Z'); // three days before the end: the warning (流失预警)
    expect((await engine.app.get(Scheduler).runOnce()).warnedCustomers).toContain(customerId);
    clock.set('2026-11-08T08:00:00.000Z'); // 30 days after the quote: back to the shared pool (公海)
    expect((await engine.app.get(Scheduler).runOnce()).releasedCustomers).toContain(customerId);
    await engine.settle();

    clock.set(WALK_IN_AT);
    const walkIn = await post('/leads', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000011' } });
    expect(walkIn.body).toMatchObject({ customerId, repId: 'rep-b' });
    walkInLeadId = walkIn.body.leadId;

    clock.set('2026-11-12T08:00:00.000Z');
    const sale = await post('/sales', {
      externalId: 'SO-77',
      customerId,
      amount: 2_000_000,
      currency: 'CNY',
      closedAt: '2026-11-12T06:00:00.000Z',
      closingRepId: 'rep-b',
    }).expect(201);
    expect(sale.body.commissionLines).toHaveLength(1);
    [saleLine] = sale.body.commissionLines;
    expect(saleLine).toMatchObject({ payee: { id: 'rep-b' }, amount: 100_000 });
  });

  it('lets rep-a open a dispute about a customer they owned, with the follow-ups as evidence', async () => {
    clock.set('2026-11-13T02:00:00.000Z');
    const followUps = (await engine.store.readStream(`customer-${customerId}`)).filter(
      (e) => e.type === 'FollowUpLogged',
    );
    const opened = await post(
      '/disputes',
      {
        subject: { kind: 'customer-ownership', id: customerId },
        claim: '我跟了三周、报过价，客户到店时被 rep-b 接待了',
        evidence: [
          ...followUps.map((e) => ({ kind: 'follow-up', id: e.id })),
          { kind: 'lead', id: firstLeadId },
          { kind: 'lead', id: walkInLeadId },
        ],
      },
      rep['rep-a'],
    ).expect(201);
    disputeId = opened.body.disputeId;
    expect(opened.body).toMatchObject({
      status: 'open',
      claimantRepId: 'rep-a',
      respondentRepId: 'rep-b',
      subject: { kind: 'customer-ownership', id: customerId },
      resolution: null,
      remedyProgress: { steps: 0, done: 0 },
    });
    expect(opened.body.evidence).toHaveLength(4);
  });

  it('refuses a rep who had no part in the customer (403), an unknown subject (404) and bad input (400)', async () => {
    const before = await logLength();
    const subject = { kind: 'customer-ownership', id: customerId };
    const notYours = await post('/disputes', { subject, claim: 'mine too' }, rep['rep-c']).expect(403);
    expect(notYours.body).toMatchObject({ code: 'NotYourSubject', current: { claimantRepId: 'rep-c', subject } });
    const missing = { kind: 'lead-assignment', id: 'no-such-lead' };
    await post('/disputes', { subject: missing, claim: 'x' }, rep['rep-a']).expect(404);
    const notALine = await post('/disputes', { subject: { kind: 'ledger-line', id: 'zzz' }, claim: 'x' }, rep['rep-a']);
    expect(notALine.status).toBe(400);
    expect(notALine.body.problems).toEqual([
      { field: 'subject.id', problem: 'must be a ledger line id: <source event id>:<n>' },
    ]);
    const bad = await post('/disputes', { subject: { kind: 'vip', id: 'x' }, claim: '' }, rep['rep-a']).expect(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['claim', 'subject.kind']);
    await post('/disputes', { subject, claim: 'x', repId: 'rep-b' }, rep['rep-a']).expect(403);
    // A manager opens for a rep: one nobody registered is refused, naming repId.
    const ghost = await post('/disputes', { subject, claim: 'x', repId: 'ghost' }).expect(400);
    expect(ghost.body.problems).toEqual([{ field: 'repId', problem: 'no rep ghost is registered' }]);
    // Found by the HTTP fuzz suite: no subject at all, or a list for one, was a 500.
    const noSubject = await post('/disputes', { claim: 'x', repId: 'rep-a' }).expect(400);
    expect(noSubject.body.problems).toEqual([
      { field: 'subject', problem: 'subject is required, an object: { kind, id }' },
    ]);
    const listAsSubject = await post('/disputes', { subject: [], claim: 'x', repId: 'rep-a' }).expect(400);
    expect(listAsSubject.body.problems).toEqual([
      { field: 'subject', problem: 'subject is required, an object: { kind, id }' },
    ]);
    expect(await logLength()).toBe(before);
  });

  it('takes rep-b’s side of the story as a comment; a rep of neither side sees no dispute', async () => {
    await post(`/disputes/${disputeId}/comments`, { text: '客户说他是自己找来的' }, rep['rep-b']).expect(201);
    await get(`/disputes/${disputeId}`, rep['rep-c']).expect(404);
    await post(`/disputes/${disputeId}/comments`, { text: 'me too' }, rep['rep-c']).expect(404);
  });

  it('lists the dispute for the manager, for both reps, and not for finance (no commission in it yet)', async () => {
    const open = await get('/disputes?status=open&limit=10').expect(200);
    expect(open.body).toMatchObject({ total: 1, limit: 10, offset: 0, nextOffset: null });
    expect((await get('/disputes?repId=rep-b').expect(200)).body.total).toBe(1);
    expect((await get('/disputes?repId=rep-c').expect(200)).body.total).toBe(0);
    expect((await get('/disputes', rep['rep-a']).expect(200)).body.items[0].disputeId).toBe(disputeId);
    await get('/disputes?repId=rep-b', rep['rep-a']).expect(403);
    expect((await get('/disputes', finance).expect(200)).body.total).toBe(0);
    await get('/disputes?status=closed').expect(400);
    await get('/disputes?limit=0').expect(400);
  });

  it('shows the manager both reps’ parts of the customer’s ownership beside the claim', async () => {
    const { body } = await get(`/disputes/${disputeId}`).expect(200);
    expect(body.comments).toEqual([expect.objectContaining({ authorRole: 'rep', text: '客户说他是自己找来的' })]);
    expect(body.subjectRecord.ownership).toEqual([
      expect.objectContaining({ repId: 'rep-a', from: '2026-10-02T02:00:00.000Z', to: '2026-11-08T08:00:00.000Z' }),
      expect.objectContaining({ repId: 'rep-b', from: WALK_IN_AT, to: null, via: 'received-walk-in' }),
    ]);
  });

  it('answers a refused remedy with 409 and writes nothing of the resolution', async () => {
    clock.set('2026-11-16T02:00:00.000Z');
    await registerReps(engine, manager, ['rep-gone']);
    await post('/reps/rep-gone/departure', { mode: 'release', reason: 'resigned' }).expect(200);
    const before = await logLength();
    const early = await post(`/disputes/${disputeId}/resolution`, {
      outcome: 'upheld',
      reason: 'rep-a followed up first',
      transfer: { toRepId: 'rep-a', effectiveAt: '2026-11-09T00:00:00.000Z' }, // before the walk-in was recorded
    }).expect(409);
    expect(early.body).toMatchObject({
      code: 'OccurredBeforeLastChange',
      current: { lastChangeAt: WALK_IN_AT, remedy: 'transfer' },
    });
    const future = await post(`/disputes/${disputeId}/resolution`, {
      outcome: 'upheld',
      reason: 'x',
      transfer: { toRepId: 'rep-a', effectiveAt: '2026-12-01T00:00:00.000Z' },
    }).expect(409);
    expect(future.body).toMatchObject({ code: 'EffectiveAtInFuture', current: { remedy: 'transfer' } });
    const departed = await post(`/disputes/${disputeId}/resolution`, {
      outcome: 'upheld',
      reason: 'x',
      transfer: { toRepId: 'rep-gone' },
    }).expect(409);
    expect(departed.body).toMatchObject({ code: 'RepDeparted', current: { repId: 'rep-gone', remedy: 'transfer' } });
    await post(`/disputes/${disputeId}/resolution`, { outcome: 'upheld', reason: 'x' }, rep['rep-a']).expect(403);
    const ghostPayee = await post(`/disputes/${disputeId}/resolution`, {
      outcome: 'upheld',
      reason: 'x',
      adjustments: [{ repId: 'ghost', amount: 1, currency: 'CNY' }],
    }).expect(400);
    expect(ghostPayee.body.problems).toEqual([{ field: 'adjustments', problem: 'no rep ghost is registered' }]);
    const rejectWithRemedy = await post(`/disputes/${disputeId}/resolution`, {
      outcome: 'rejected',
      reason: 'x',
      adjustments: [{ repId: 'rep-a', amount: 1, currency: 'CNY' }],
    }).expect(400);
    expect(rejectWithRemedy.body.problems).toEqual([
      { field: 'outcome', problem: 'A rejected dispute carries no remedy' },
    ]);
    expect(await logLength()).toBe(before);
    expect((await get(`/disputes/${disputeId}`).expect(200)).body.status).toBe('open');
  });

  const uphold = () => ({
    outcome: 'upheld',
    reason: 'rep-a 的跟进在到店之前，保护期只过了两天',
    transfer: { toRepId: 'rep-a', effectiveAt: WALK_IN_AT },
    adjustments: [
      { repId: 'rep-a', amount: saleLine.amount, currency: 'CNY' },
      { repId: 'rep-b', amount: -saleLine.amount, currency: 'CNY' },
    ],
  });

  it('upholds: the customer is rep-a’s from the walk-in, and the sale’s commission moves by adjustments naming the dispute', async () => {
    const { body } = await post(`/disputes/${disputeId}/resolution`, uphold()).expect(200);
    expect(body).toMatchObject({
      status: 'upheld',
      resolution: { outcome: 'upheld', resolvedBy: expect.stringMatching(/^key:/) },
      remedyProgress: { steps: 3, done: 3 },
    });
    expect(body.remedyEvents.map((e: { type: string }) => e.type)).toEqual([
      'OwnershipAssigned',
      'CommissionAdjusted',
      'CommissionAdjusted',
    ]);
    expect(body.subjectRecord.owner).toMatchObject({ repId: 'rep-a', since: WALK_IN_AT, via: 'transfer' });

    // Every remedy event names the resolution as its causation.
    const resolution = (await engine.store.readStream(`dispute-${disputeId}`)).at(-1)!;
    expect(resolution.id).toBe(body.resolutionEventId);
    const transfer = (await engine.store.readStream(`customer-${customerId}`)).at(-1)!;
    expect(transfer.metadata.causationId).toBe(resolution.id);
    const adjustments = (await engine.store.readStream('commission-periods')).filter(
      (e) => e.metadata.causationId === resolution.id,
    );
    expect(adjustments.map((e) => e.data)).toEqual([
      expect.objectContaining({ payee: { kind: 'rep', id: 'rep-a' }, amount: 100_000, period: '2026-11', disputeId }),
      expect.objectContaining({ payee: { kind: 'rep', id: 'rep-b' }, amount: -100_000, period: '2026-11', disputeId }),
    ]);

    const statement = await get('/reps/rep-a/statements/2026-11', finance).expect(200);
    const line = statement.body.lines.find((l: { kind: string }) => l.kind === 'adjustment');
    expect(line).toMatchObject({ amount: 100_000, note: `refers to dispute-${disputeId}` });
    expect(line.sourceEventIds).toEqual([adjustments[0].id]);
    // Asked who owned the customer when the sale closed, the engine now says rep-a.
    const owner = await get(`/customers/${customerId}/owner?asOf=2026-11-12T06:00:00.000Z`).expect(200);
    expect(owner.body.owner).toMatchObject({ repId: 'rep-a', from: WALK_IN_AT, via: 'transfer' });
  });

  it('is final: the same uphold again changes nothing, another resolution or a comment is 409', async () => {
    const before = await logLength();
    expect((await post(`/disputes/${disputeId}/resolution`, uphold()).expect(200)).body.status).toBe('upheld');
    const again = await post(`/disputes/${disputeId}/resolution`, { outcome: 'rejected', reason: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DisputeAlreadyResolved', current: { status: 'upheld' } });
    const late = await post(`/disputes/${disputeId}/comments`, { text: '不服' }, rep['rep-b']).expect(409);
    expect(late.body.code).toBe('DisputeClosedToComments');
    expect(await logLength()).toBe(before);
    await get('/disputes/no-such-dispute').expect(404);
    await post('/disputes/no-such-dispute/resolution', { outcome: 'rejected', reason: 'x' }).expect(404);
  });

  it('shows finance the dispute now that it moved commission', async () => {
    const { body } = await get('/disputes', finance).expect(200);
    expect(body.items.map((d: { disputeId: string }) => d.disputeId)).toEqual([disputeId]);
    expect((await get('/disputes?status=upheld').expect(200)).body.total).toBe(1);
  });

  it('lets rep-b dispute a ledger line of theirs; finance sees it, rep-a does not', async () => {
    const statement = await get('/reps/rep-b/statements/2026-11', rep['rep-b']).expect(200);
    const taken = statement.body.lines.find((l: { kind: string }) => l.kind === 'adjustment');
    expect(taken).toMatchObject({ amount: -100_000, note: `refers to dispute-${disputeId}` });
    const subject = { kind: 'ledger-line', id: taken.lineId };
    await post('/disputes', { subject, claim: 'x' }, rep['rep-a']).expect(403); // not rep-a's line
    const opened = await post('/disputes', { subject, claim: '我接待的，成交也是我谈的' }, rep['rep-b']).expect(201);
    expect(opened.body).toMatchObject({
      respondentRepId: null,
      subjectRecord: { lineId: taken.lineId, amount: -100_000 },
    });
    const seen = await get('/disputes?status=open', finance).expect(200);
    expect(seen.body.items.map((d: { disputeId: string }) => d.disputeId)).toEqual([opened.body.disputeId]);
    await get(`/disputes/${opened.body.disputeId}`, rep['rep-a']).expect(404);
    await post(`/disputes/${opened.body.disputeId}/resolution`, {
      outcome: 'rejected',
      reason: 'settled in dispute ' + disputeId,
    }).expect(200);
  });

  it('completes a remedy interrupted by a crash after the resolution was written', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const lead = await post('/leads', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000022' } });
    await engine.settle();
    const other = await post('/disputes', {
      subject: { kind: 'lead-assignment', id: lead.body.leadId },
      claim: 'rep-b took my walk-in',
      repId: 'rep-c',
    }).expect(201);
    const id = other.body.disputeId;
    const resolution = await get(`/disputes/${id}`).expect(200);
    expect(resolution.body.subjectRecord).toMatchObject({ leadId: lead.body.leadId, repId: 'rep-b' });
    // The engine stops right after DisputeResolved: the transfer's append never happens.
    const crashing = new CrashingStore(engine.store, 2);
    const command = {
      type: 'ResolveDispute' as const,
      disputeId: id,
      outcome: 'upheld' as const,
      reason: 'rep-c was at the desk',
      resolvedBy: 'key:manager',
      remedy: {
        transfer: { customerId: lead.body.customerId, toRepId: 'rep-c', effectiveAt: '2026-11-20T02:00:00.000Z' },
        adjustments: [],
      },
      at: '2026-11-20T02:00:00.000Z',
    };
    const context = { actorId: 'key:manager', actorRole: 'manager', occurredAt: command.at, correlationId: 'c-crash' };
    const terms = { protectionDays: 30, warningDays: 3 };
    await expect(resolveDispute(crashing, command, terms, context)).rejects.toThrow('simulated crash');
    await engine.settle();
    expect((await get(`/disputes/${id}`).expect(200)).body).toMatchObject({
      status: 'upheld',
      remedyProgress: { steps: 1, done: 0 },
    });
    // What the engine runs at start-up completes it, once.
    expect(await engine.app.get(DisputeRemedySweep).runOnce()).toBe(1);
    expect(await engine.app.get(DisputeRemedySweep).runOnce()).toBe(0);
    await engine.settle();
    const done = (await get(`/disputes/${id}`).expect(200)).body;
    expect(done.remedyProgress).toEqual({ steps: 1, done: 1 });
    expect(done.subjectRecord).toMatchObject({ customerId: lead.body.customerId });
    const customer = await get(`/customers/${lead.body.customerId}`).expect(200);
    expect(customer.body.owner).toMatchObject({ repId: 'rep-c', via: 'transfer' });
  });

  it('takes the same uphold again when its transfer left effectiveAt out: "now" was the first request’s', async () => {
    clock.set('2026-11-21T02:00:00.000Z');
    const lead = await post('/leads', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000023' } });
    await engine.settle();
    const opened = await post('/disputes', {
      subject: { kind: 'lead-assignment', id: lead.body.leadId },
      claim: 'rep-b took my walk-in again',
      repId: 'rep-c',
    }).expect(201);
    const id = opened.body.disputeId;
    const uphold = { outcome: 'upheld', reason: 'rep-c was at the desk', transfer: { toRepId: 'rep-c' } };
    await post(`/disputes/${id}/resolution`, uphold).expect(200);
    const before = await logLength();

    clock.set('2026-11-21T02:05:00.000Z');
    const retried = await post(`/disputes/${id}/resolution`, uphold).expect(200);
    expect(retried.body.resolution.remedy.transfer).toMatchObject({ effectiveAt: '2026-11-21T02:00:00.000Z' });
    const other = await post(`/disputes/${id}/resolution`, { ...uphold, transfer: { toRepId: 'rep-a' } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('DisputeAlreadyResolved');
    expect(await logLength()).toBe(before);
  });

  it('shows a claimant with no part in the subject the dispute, not the lead they may not read (its contact)', async () => {
    clock.set('2026-11-22T02:00:00.000Z');
    const lead = await post('/leads', { channel: 'walk-in', receivedBy: 'rep-b', contact: { phone: '13900000024' } });
    await engine.settle();
    const opened = await post('/disputes', {
      subject: { kind: 'lead-assignment', id: lead.body.leadId },
      claim: 'the pool should have given me this one',
      repId: 'rep-c',
    }).expect(201);
    const id = opened.body.disputeId;
    await get(`/leads/${lead.body.leadId}`, rep['rep-c']).expect(403);
    const asClaimant = (await get(`/disputes/${id}`, rep['rep-c']).expect(200)).body;
    expect(asClaimant).toMatchObject({ disputeId: id, claim: 'the pool should have given me this one' });
    expect(asClaimant.subjectRecord).toBeNull();
    expect(JSON.stringify(asClaimant)).not.toContain('13900000024');
    // rep-b received the lead: their side, like the manager's, shows it.
    expect((await get(`/disputes/${id}`, rep['rep-b']).expect(200)).body.subjectRecord).toMatchObject({
      repId: 'rep-b',
    });
    expect((await get(`/disputes/${id}`).expect(200)).body.subjectRecord).toMatchObject({ repId: 'rep-b' });
  });
});
