import { handleCommand } from '@leadledger/event-store';
import { ManualClock } from '@leadledger/kernel';
import { type RepCommand, repDecider, repStreamId } from '@leadledger/leads';
import { ReadModelDatabase, verifyReadModels } from '@leadledger/projections';
import { poolBoardProjection } from '@leadledger/routing';
import { type EngineHarness, startEngine } from './support/engine-harness';

interface Candidate {
  repId: string;
  skippedBecause: string | null;
}

const context = {
  actorId: 'mgr-zhao',
  actorRole: 'manager',
  occurredAt: '2026-11-01T00:00:00.000Z',
  correlationId: 'reps',
};

describe('pools over HTTP', () => {
  let engine: EngineHarness;
  let manager: string;
  let service: string;
  const clock = new ManualClock('2026-11-02T02:00:00.000Z');
  const onRep = (repId: string, command: RepCommand) =>
    handleCommand(engine.store, repStreamId(repId), repDecider, command, context);
  const register = (repId: string) =>
    onRep(repId, { kind: 'RegisterRep', repId, name: repId, email: `${repId}@example.cn`, team: 'east' });

  beforeAll(async () => {
    engine = await startEngine({ clock });
    manager = `Bearer ${await engine.key('manager')}`;
    service = `Bearer ${await engine.key('service')}`;
    for (const repId of ['rep-a', 'rep-b', 'rep-c', 'rep-d', 'rep-e']) await register(repId);
    await onRep('rep-e', { kind: 'DepartRep', mode: 'release', successor: null, reason: 'contract ended' });
  });
  afterAll(async () => engine.close());

  const as = (auth: string) => ({
    post: (path: string, body: object = {}) => engine.http().post(path).set('Authorization', auth).send(body),
    patch: (path: string, body: object) => engine.http().patch(path).set('Authorization', auth).send(body),
    delete: (path: string) => engine.http().delete(path).set('Authorization', auth),
    get: (path: string) => engine.http().get(path).set('Authorization', auth),
  });
  const settings = {
    name: 'Inbound East',
    strategy: 'smooth-weighted-round-robin',
    acceptanceSlaMinutes: 30,
    protectionDays: 30,
    protectionWarningDays: 5,
  };
  let leadNumber = 0;
  const pushLead = async () => {
    const { body } = await as(service)
      .post('/leads', { channel: 'web-form', contact: { email: `buyer${++leadNumber}@example.cn` }, poolId: 'east' })
      .expect(201);
    const assigned = body.history.find((e: { type: string }) => e.type === 'LeadAssigned');
    return { repId: body.repId as string, candidates: assigned.data.trace.pool.candidates as Candidate[] };
  };
  const skipReasons = (candidates: Candidate[]) => candidates.map((c) => [c.repId, c.skippedBecause]);

  it('rotates 8 leads over weights 2, 1, 1 as 4, 2 and 2, never giving anyone two in a row', async () => {
    const created = await as(manager)
      .post('/pools', { poolId: 'east', ...settings })
      .expect(201);
    expect(created.body).toMatchObject({ poolId: 'east', policyVersion: 1, members: [], queuedLeads: [] });
    for (const [repId, weight] of [
      ['rep-a', 2],
      ['rep-b', 1],
      ['rep-c', 1],
    ] as const) {
      await as(manager).post('/pools/east/members', { repId, weight }).expect(201);
    }

    const reps: string[] = [];
    for (let n = 0; n < 8; n++) reps.push((await pushLead()).repId);
    expect(reps).toEqual(['rep-a', 'rep-b', 'rep-a', 'rep-c', 'rep-a', 'rep-b', 'rep-a', 'rep-c']);
    reps.slice(1).forEach((repId, i) => expect(repId).not.toBe(reps[i]));

    await engine.settle();
    const { body: pool } = await as(manager).get('/pools/east').expect(200);
    expect(pool.members.map((m: { repId: string; assignedToday: number }) => [m.repId, m.assignedToday])).toEqual([
      ['rep-a', 4],
      ['rep-b', 2],
      ['rep-c', 2],
    ]);
    expect(pool).toMatchObject({ strategy: 'smooth-weighted-round-robin', policyVersion: 4, queuedLeads: [] });
    expect(pool.members[0]).toMatchObject({ weight: 2, assignedThisMonth: 4, paused: false, dailyCap: null });
  });

  it('skips a paused member, and the lead’s trace says it was paused', async () => {
    const paused = await as(manager).post('/pools/east/members/rep-a/pause', { reason: 'annual leave' }).expect(200);
    expect(paused.body.members[0]).toMatchObject({ repId: 'rep-a', paused: true, pausedBecause: 'annual leave' });

    const lead = await pushLead();
    expect(lead.repId).not.toBe('rep-a');
    expect(skipReasons(lead.candidates)).toEqual([
      ['rep-a', 'paused'],
      ['rep-b', null],
      ['rep-c', null],
    ]);

    await as(manager).post('/pools/east/members/rep-a/pause', { reason: 'again' }).expect(409);
    await as(manager).post('/pools/east/members/rep-a/resume').expect(200);
  });

  it('skips a member at its daily cap, and a cap of null lifts it', async () => {
    // rep-b has had 3 leads today: a daily cap of 3 holds it.
    const capped = await as(manager).patch('/pools/east/members/rep-b', { dailyCap: 3 }).expect(200);
    expect(capped.body.members[1]).toMatchObject({ repId: 'rep-b', dailyCap: 3, monthlyCap: null, assignedToday: 3 });

    const lead = await pushLead();
    expect(lead.repId).not.toBe('rep-b');
    expect(skipReasons(lead.candidates)).toContainEqual(['rep-b', 'daily-cap']);

    const lifted = await as(manager).patch('/pools/east/members/rep-b', { dailyCap: null, weight: 3 }).expect(200);
    expect(lifted.body.members[1]).toMatchObject({ dailyCap: null, weight: 3 });
  });

  it('answers 400 naming the field, and writes nothing, for a bad weight or bad settings', async () => {
    const head = await engine.store.headPosition();
    const weight = await as(manager).post('/pools/east/members', { repId: 'rep-d', weight: 0 }).expect(400);
    expect(weight.body.problems).toEqual([{ field: 'weight', problem: expect.any(String) }]);
    const patch = await as(manager).patch('/pools/east/members/rep-b', { weight: 101 }).expect(400);
    expect(patch.body.problems.map((p: { field: string }) => p.field)).toEqual(['weight']);
    await as(manager).patch('/pools/east/members/rep-b', {}).expect(400);
    const warning = await as(manager)
      .post('/pools', { ...settings, protectionDays: 5, protectionWarningDays: 5 })
      .expect(400);
    expect(warning.body.problems).toEqual([
      { field: 'protectionWarningDays', problem: expect.stringContaining('fewer than protectionDays') },
    ]);
    const blank = await as(manager)
      .post('/pools', { ...settings, name: '  ' })
      .expect(400);
    expect(blank.body.problems.map((p: { field: string }) => p.field)).toEqual(['name']);
    expect(await engine.store.headPosition()).toBe(head);
  });

  it('answers 404 for an unknown pool, rep or member, and 409 for a departed rep', async () => {
    await as(manager).get('/pools/nowhere').expect(404);
    await as(manager).post('/pools/nowhere/members', { repId: 'rep-d', weight: 1 }).expect(404);
    await as(manager).post('/pools/east/members', { repId: 'rep-404', weight: 1 }).expect(404);
    await as(manager).post('/pools/east/members/rep-d/resume').expect(404);
    const departed = await as(manager).post('/pools/east/members', { repId: 'rep-e', weight: 1 }).expect(409);
    expect(departed.body).toMatchObject({ code: 'RepDeparted', current: { repId: 'rep-e' } });
  });

  it('removes a member, who is then no longer a candidate', async () => {
    const { body } = await as(manager).delete('/pools/east/members/rep-c').expect(200);
    expect(body.members.map((m: { repId: string }) => m.repId)).toEqual(['rep-a', 'rep-b']);
    await as(manager).delete('/pools/east/members/rep-c').expect(404);
    const lead = await pushLead();
    expect(lead.candidates.map((c) => c.repId)).toEqual(['rep-a', 'rep-b']);
  });

  it('lets every role read a pool but only managers and admins change one', async () => {
    const rep = `Bearer ${await engine.key('rep', 'rep-a')}`;
    await as(rep).get('/pools/east').expect(200);
    await as(rep)
      .post('/pools', { poolId: 'mine', ...settings })
      .expect(403);
    await as(rep).post('/pools/east/members/rep-b/pause', { reason: 'x' }).expect(403);
    await as(service)
      .post('/pools', { poolId: 'svc', ...settings })
      .expect(403);
  });

  it('lists every pool by id with its size, for every role', async () => {
    await as(manager)
      .post('/pools', { ...settings, poolId: 'west', name: 'Inbound West' })
      .expect(201);
    await engine.settle();
    const rep = `Bearer ${await engine.key('rep', 'rep-b')}`;
    const { body } = await as(rep).get('/pools').expect(200);
    // east: rep-a and rep-b after rep-c's removal, none paused (rep-a was resumed), nothing queued.
    expect(body.pools).toEqual([
      {
        poolId: 'east',
        name: 'Inbound East',
        strategy: 'smooth-weighted-round-robin',
        policyVersion: expect.any(Number),
        members: 2,
        pausedMembers: 0,
        queuedLeads: 0,
      },
      expect.objectContaining({ poolId: 'west', name: 'Inbound West', members: 0 }),
    ]);
  });

  it('refuses a second pool with the same id, but answers a retry with the same Idempotency-Key alike', async () => {
    const again = await as(manager)
      .post('/pools', { poolId: 'east', ...settings })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'PoolAlreadyExists', current: { poolId: 'east' } });
    const first = await as(manager).post('/pools', settings).set('Idempotency-Key', 'pool-req-1').expect(201);
    const retry = await as(manager).post('/pools', settings).set('Idempotency-Key', 'pool-req-1').expect(201);
    expect(retry.body).toEqual(first.body);
    const other = await as(manager).post('/pools', settings).expect(201);
    expect(other.body.poolId).not.toBe(first.body.poolId);
  });

  it('keeps a pool board that a rebuild from the log reproduces exactly', async () => {
    await engine.settle();
    const [verified] = await verifyReadModels(engine.store, engine.app.get(ReadModelDatabase), [poolBoardProjection]);
    expect(verified).toMatchObject({ projection: 'pool-board', difference: null, problem: null });
  });
});
