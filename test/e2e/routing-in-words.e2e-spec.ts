import { ManualClock } from '@leadledger/kernel';
import type { PoolLeadAssigned, PoolLeadQueued } from '@leadledger/routing';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/** Issue 11: "why this rep" in words, and the pool's fairness over any window, from events only. */
describe('routing explained, and fair', () => {
  const clock = new ManualClock('2026-03-02T02:00:00.000Z');
  let engine: EngineHarness;
  let manager: string;
  let repKey: Record<string, string>;
  const leadOf: Record<string, string> = {};

  beforeAll(async () => {
    // No scheduler: acceptance deadlines passing while the clock moves would re-route leads mid-test.
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    manager = `Bearer ${await engine.key('manager')}`;
    repKey = await registerReps(engine, manager, ['wang', 'li', 'zhao']);
    await post('/pools', {
      poolId: 'east',
      name: 'East',
      strategy: 'smooth-weighted-round-robin',
      acceptanceSlaMinutes: 60,
      protectionDays: 30,
      protectionWarningDays: 5,
    }).expect(201);
    await post('/pools/east/members', { repId: 'wang', weight: 2 }).expect(201);
    await post('/pools/east/members', { repId: 'li', weight: 1 }).expect(201);
    await post('/pools/east/members', { repId: 'zhao', weight: 1, dailyCap: 1 }).expect(201);
  });
  afterAll(async () => engine.close());

  function post(path: string, body: object, auth = manager) {
    return engine.http().post(path).set('Authorization', auth).send(body);
  }
  const get = (path: string, auth = manager) => engine.http().get(path).set('Authorization', auth);
  async function webLead(name: string, phone: string): Promise<string> {
    const { body } = await post('/leads', { channel: 'web-form', contact: { phone }, poolId: 'east' }).expect(201);
    leadOf[name] = body.leadId;
    return body.repId;
  }
  async function explanations(name: string): Promise<string[]> {
    await engine.settle();
    const { body } = await get(`/leads/${leadOf[name]}`).expect(200);
    const inHistory = body.history.filter((e: { type: string }) => e.type === 'LeadAssigned');
    expect(inHistory.map((e: { explanation: string }) => e.explanation)).toEqual(
      body.assignments.map((a: { explanation: string }) => a.explanation),
    );
    return body.assignments.map((a: { explanation: string }) => a.explanation);
  }

  describe('why this rep, in words', () => {
    // Worked by hand. Weights wang 2, li 1, zhao 1 (cap 1 a day); every change resets the credits to 0.
    // A round-robin score is credit + 2 × weight among the eligible.
    it('names a paused member’s reason', async () => {
      await post('/pools/east/members/zhao/pause', { reason: 'annual leave' }).expect(200);
      // wang 0 + 4 = 4, li 0 + 2 = 2: wang.
      expect(await webLead('first', '13500000001')).toBe('wang');
      expect(await explanations('first')).toEqual([
        'wang: weight 2 of 4, 0 of 0 leads today; chosen because its rotation score 4 was highest (li 2); ' +
          'zhao skipped: paused (annual leave)',
      ]);
    });

    it('explains ties, and names the daily cap that was reached', async () => {
      await post('/pools/east/members/zhao/resume', {}).expect(200);
      // Credits after each pick (wang, li, zhao): wang -2,1,1; li 0,-2,2; wang -2,-1,3; zhao 0,0,0.
      expect([
        await webLead('second', '13500000002'),
        await webLead('third', '13500000003'),
        await webLead('fourth', '13500000004'),
        await webLead('fifth', '13500000005'),
      ]).toEqual(['wang', 'li', 'wang', 'zhao']);
      expect(await explanations('third')).toEqual([
        'li: weight 1 of 4, 0 of 2 leads today; chosen because its rotation score 3 was highest (wang 2, zhao 3); ' +
          'tied with zhao, it joined the pool earlier',
      ]);
      expect(await explanations('fourth')).toEqual([
        'wang: weight 2 of 4, 2 of 3 leads today; chosen because its rotation score 4 was highest (li 0, zhao 4); ' +
          'tied with zhao, it has the higher weight',
      ]);
      // zhao has had its one lead today: wang 0 + 4 = 4 against li 0 + 2 = 2.
      expect(await webLead('sixth', '13500000006')).toBe('wang');
      expect(await explanations('sixth')).toEqual([
        'wang: weight 2 of 4, 3 of 5 leads today; chosen because its rotation score 4 was highest (li 2); ' +
          'zhao skipped: daily cap 1 reached',
      ]);
    });

    it('says a re-route happened, and who declined and why', async () => {
      await post(`/leads/${leadOf.sixth}/decline`, { reason: 'customer is in Beijing' }, repKey.wang).expect(200);
      const [first, second] = await explanations('sixth');
      expect(first).toMatch(/^wang: weight 2 of 4/);
      expect(second).toBe(
        'li: re-routed after a decline; weight 1 of 4, 1 of 6 leads today; ' +
          'chosen because no other member was eligible; wang skipped: declined this lead (customer is in Beijing); ' +
          'zhao skipped: daily cap 1 reached',
      );
      // The structured trace is still there, unchanged.
      const { body } = await get(`/leads/${leadOf.sixth}`).expect(200);
      expect(body.assignments[1]).toMatchObject({ rule: 'reassigned-after-decline', repId: 'li' });
      expect(body.assignments[1].pool.candidates.map((c: { skippedBecause: string }) => c.skippedBecause)).toEqual([
        'passed-over',
        null,
        'daily-cap',
      ]);
    });
  });

  describe('fairness of the pool', () => {
    /** Counted in the test from the pool's events, independently of the engine's read model. */
    async function countFromTheLog(fromDay: string, toDay: string) {
      const members: Record<string, { due: number; given: number; skips: Record<string, number> }> = {};
      let routed = 0;
      for (const event of await engine.store.readStream('pool-east')) {
        if (event.type !== 'PoolLeadAssigned' && event.type !== 'PoolLeadQueued') continue;
        const data = event.data as unknown as PoolLeadAssigned['data'] | PoolLeadQueued['data'];
        if (data.day < fromDay || data.day >= toDay) continue;
        const chosen = 'repId' in data ? data.repId : null;
        const total = data.trace.candidates.reduce((sum, c) => sum + c.weight, 0);
        if (chosen) routed++;
        for (const c of data.trace.candidates) {
          const m = (members[c.repId] ??= { due: 0, given: 0, skips: {} });
          if (chosen) m.due += c.weight / total;
          if (chosen === c.repId) m.given++;
          if (c.skippedBecause) m.skips[c.skippedBecause] = (m.skips[c.skippedBecause] ?? 0) + 1;
        }
      }
      return { routed, members };
    }

    async function expectFairnessToMatchTheLog(from: string, to: string) {
      await engine.settle();
      const { body } = await get(`/pools/east/fairness?from=${from}&to=${to}`).expect(200);
      const counted = await countFromTheLog(from, to);
      expect(body.leadsRouted).toBe(counted.routed);
      expect(body.members.map((m: { repId: string }) => m.repId)).toEqual(Object.keys(counted.members).sort());
      for (const member of body.members) {
        const mine = counted.members[member.repId];
        expect(member.leadsGiven).toBe(mine.given);
        expect(Math.abs(member.leadsDue - mine.due)).toBeLessThanOrEqual(0.005);
        expect(Math.abs(member.deficit - (mine.due - mine.given))).toBeLessThanOrEqual(0.01);
        for (const reason of ['passed-over', 'paused', 'daily-cap', 'monthly-cap']) {
          expect(member.skips[reason]).toBe(mine.skips[reason] ?? 0);
        }
      }
      return body;
    }

    it('gives, per member, leads due by weight and given, skips by reason and the largest deficit', async () => {
      const body = await expectFairnessToMatchTheLog('2026-03-02', '2026-03-03');
      // By hand: 7 leads given (six first routes and one re-route), each 2/4 due to wang and 1/4 to li and zhao.
      expect(body).toMatchObject({ poolId: 'east', from: '2026-03-02', to: '2026-03-03', leadsRouted: 7 });
      expect(body.members).toEqual([
        {
          repId: 'li',
          leadsDue: 1.75,
          leadsGiven: 2,
          deficit: -0.25,
          skips: { 'passed-over': 0, paused: 0, 'daily-cap': 0, 'monthly-cap': 0 },
        },
        {
          repId: 'wang',
          leadsDue: 3.5,
          leadsGiven: 4,
          deficit: -0.5,
          skips: { 'passed-over': 1, paused: 0, 'daily-cap': 0, 'monthly-cap': 0 },
        },
        {
          repId: 'zhao',
          leadsDue: 1.75,
          leadsGiven: 1,
          deficit: 0.75,
          skips: { 'passed-over': 0, paused: 1, 'daily-cap': 2, 'monthly-cap': 0 },
        },
      ]);
      expect(body.largestDeficit).toEqual({ repId: 'zhao', deficit: 0.75 });
    });

    it('answers any window of business days, each equal to a count from the log', async () => {
      clock.set('2026-03-03T03:00:00.000Z');
      await engine.http().patch('/pools/east/members/li').set('Authorization', manager).send({ weight: 3 }).expect(200);
      for (let n = 1; n <= 5; n++) await webLead(`day2-${n}`, `1350000010${n}`);
      await expectFairnessToMatchTheLog('2026-03-03', '2026-03-04');
      await expectFairnessToMatchTheLog('2026-03-02', '2026-03-04');
      const empty = await expectFairnessToMatchTheLog('2026-02-01', '2026-03-01');
      expect(empty).toMatchObject({ leadsRouted: 0, members: [], largestDeficit: null });
    });

    it('is for managers and admins; refuses a bad window naming the field, and an unknown pool', async () => {
      await get('/pools/east/fairness?from=2026-03-02&to=2026-03-03', repKey.li).expect(403);
      const reversed = await get('/pools/east/fairness?from=2026-03-03&to=2026-03-02').expect(400);
      expect(reversed.body.problems).toEqual([{ field: 'to', problem: 'to must be a later day than from' }]);
      const missing = await get('/pools/east/fairness?from=2026-03-03').expect(400);
      expect(missing.body.problems.map((p: { field: string }) => p.field)).toEqual(['to']);
      await get('/pools/nowhere/fairness?from=2026-03-02&to=2026-03-03').expect(404);
    });
  });
});
