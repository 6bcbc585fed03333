import { type CustomerCommand, type FirstOwner, customerDecider, customerStreamId } from '@leadledger/customers';
import { type NewEvent, handleCommand } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { isRefusal } from '@leadledger/kernel';
import { type AssignmentTrace, type LeadCommand, leadDecider, leadStreamId } from '@leadledger/leads';
import { type PoolCommand, type RoutingTrace, poolDecider, poolStreamId } from '@leadledger/routing';
import { replayAssignment } from './assignment-replay';

const MON = { day: '2026-03-02', month: '2026-03' };
const terms = { protectionDays: 30, warningDays: 5 };
const metadataAt = (occurredAt: string, actorId = 'key:intake') => ({
  actorId,
  actorRole: actorId.startsWith('rep-') ? 'rep' : 'service',
  occurredAt,
  correlationId: `corr-${occurredAt}`,
  reason: null,
  causationId: null,
  idempotencyKey: null,
  schemaVersion: 1,
});

let store: SqliteEventStore;

/** Runs one command on one stream as the engine does, and hands back what it appended. */
async function run<C>(streamId: string, decider: unknown, command: C, at: string, actorId?: string) {
  const result = await handleCommand(store, streamId, decider as never, command, metadataAt(at, actorId));
  if (isRefusal(result)) throw new Error(JSON.stringify(result));
  return result.events;
}
const pool = (command: object, at: string) =>
  run(poolStreamId('web'), poolDecider, { poolId: 'web', ...MON, ...command } as PoolCommand, at);
const lead = (leadId: string, command: LeadCommand, at: string, actorId?: string) =>
  run(leadStreamId(leadId), leadDecider, command, at, actorId);
const customer = (customerId: string, command: CustomerCommand, at: string) =>
  run(customerStreamId(customerId), customerDecider, command, at);

type Channel = 'web-form' | 'walk-in' | 'rep-sourced';
const contact = { name: null, phone: null, email: null, company: null };
const receive = (leadId: string, channel: Channel, receivedBy: string | null, poolId: string | null, at: string) =>
  lead(
    leadId,
    {
      kind: 'ReceiveLead',
      leadId,
      channel,
      contact,
      identityKeys: [],
      externalId: null,
      receivedBy,
      referralPartnerId: null,
      poolId,
    },
    at,
  );
const match = (leadId: string, customerId: string, isNewCustomer: boolean, at: string) =>
  lead(leadId, { kind: 'MatchCustomer', customerId, isNewCustomer }, at);
const assign = (leadId: string, repId: string, trace: AssignmentTrace, at: string, acceptBy: string | null = null) =>
  lead(leadId, { kind: 'AssignLead', repId, acceptBy, trace }, at);
const by = (rule: AssignmentTrace['rule'], poolTrace: RoutingTrace | null = null, note = ''): AssignmentTrace => ({
  rule,
  pool: poolTrace,
  note,
});
const register = (
  customerId: string,
  leadId: string,
  channel: Channel,
  finder: string | null,
  owner: FirstOwner | null,
  at: string,
) => {
  const keys = [{ kind: 'phone' as const, value: `+86138${customerId.replace(/\D/g, '').padStart(8, '0')}` }];
  return customer(
    customerId,
    { kind: 'RegisterCustomer', customerId, keys, leadId, channel, finderRepId: finder, at, owner },
    at,
  );
};
/** The pool's pick for a lead, and its trace. */
const poolPick = async (leadId: string, at: string) =>
  (await pool({ kind: 'RouteLead', leadId }, at))[0].data.trace as unknown as RoutingTrace;

describe('replaying a lead’s assignment from the log', () => {
  const dir = tempDirectory('leadledger-timelines');
  let opened = 0;
  beforeEach(async () => {
    store = new SqliteEventStore({ file: dir.file(`replay-${opened++}.sqlite`), pollIntervalMs: 5 });
    // Pool web: Wang (weight 2) and Li (weight 1), policy version 3, stream revisions 0–2.
    const at = '2026-03-01T00:00:00.000Z';
    const settings = { acceptanceSlaMinutes: 60, protectionDays: 30, protectionWarningDays: 5 };
    await pool({ kind: 'CreatePool', name: 'Web', strategy: 'smooth-weighted-round-robin', ...settings }, at);
    await pool({ kind: 'AddMember', repId: 'rep-wang', weight: 2, dailyCap: null, monthlyCap: null }, at);
    await pool({ kind: 'AddMember', repId: 'rep-li', weight: 1, dailyCap: null, monthlyCap: null }, at);
  });
  afterEach(() => store.close());
  afterAll(() => dir.remove());

  /** l1, a web-form lead for pool web and a new customer c1: Wang gets it, declines, and it goes on to Li. */
  async function webLead(): Promise<void> {
    const at = '2026-03-02T09:00:00.000Z';
    await receive('l1', 'web-form', null, 'web', at);
    await register('c1', 'l1', 'web-form', null, null, at);
    await match('l1', 'c1', true, at);
    const first = await poolPick('l1', at);
    // The customer goes to Wang before the lead records its assignment: the replay leaves out what the decision gave.
    const ownership = {
      kind: 'AssignOwnership',
      repId: 'rep-wang',
      via: 'pool-rotation',
      reason: 'rotation',
      leadId: 'l1',
      at,
      ...terms,
    } as const;
    await customer('c1', ownership, at);
    await assign('l1', 'rep-wang', by('pool-rotation', first, 'rotation'), at, '2026-03-02T10:00:00.000Z');
    const later = '2026-03-02T09:30:00.000Z';
    await lead('l1', { kind: 'DeclineLead', repId: 'rep-wang', reason: 'on leave' }, later, 'rep-wang');
    const second = (await pool({ kind: 'RerouteLead', leadId: 'l1', passedOver: ['rep-wang'] }, later))[0].data.trace;
    const afterDecline = by('reassigned-after-decline', second as unknown as RoutingTrace, 'Wang declined');
    await assign('l1', 'rep-li', afterDecline, later, '2026-03-02T10:30:00.000Z');
  }

  it('recomputes a pool rotation identically, from the customer and the pool as they were before it', async () => {
    await webLead();

    const replay = await replayAssignment(store, 'l1', 1);

    // Positions: the pool's 3 events, then received 4, registered 5, matched 6, the pool's pick 7,
    // the ownership 8, the assignment 9. The pool had 3 events before its pick, at version 3.
    expect(replay).toEqual({
      leadId: 'l1',
      assignment: 1,
      recorded: {
        repId: 'rep-wang',
        rule: 'pool-rotation',
        occurredAt: '2026-03-02T09:00:00.000Z',
        position: '9',
        actorId: 'key:intake',
        reason: null,
      },
      replayed: {
        rule: 'pool-rotation',
        repId: 'rep-wang',
        poolTrace: expect.objectContaining({ chosen: 'rep-wang' }),
      },
      identical: true,
      differences: [],
      inputs: {
        lead: { channel: 'web-form', receivedBy: null, poolId: 'web' },
        customer: { customerId: 'c1', ownerId: null, protectedUntil: null },
        pool: { poolId: 'web', eventsReplayed: 3, policyVersion: 3 },
      },
    });
  });

  it('replays a re-route after a decline with the pool alone, the declining rep passed over', async () => {
    await webLead();

    const replay = await replayAssignment(store, 'l1', 2);

    expect(replay).toMatchObject({
      recorded: { repId: 'rep-li', rule: 'reassigned-after-decline' },
      replayed: { rule: 'reassigned-after-decline', repId: 'rep-li' },
      identical: true,
      differences: [],
      // The first pick is now history: 4 events before the second. Wang owned c1 by then (the
      // first assignment gave it to him), until the re-route moved it on.
      inputs: {
        customer: { customerId: 'c1', ownerId: 'rep-wang' },
        pool: { poolId: 'web', eventsReplayed: 4, policyVersion: 3 },
      },
    });
    expect(replay?.replayed?.poolTrace?.candidates.find((c) => c.repId === 'rep-wang')?.skippedBecause).toBe(
      'passed-over',
    );
  });

  it('finds nothing past the lead’s last assignment, nor for a lead the log does not know', async () => {
    await webLead();

    expect(await replayAssignment(store, 'l1', 3)).toBeNull();
    expect(await replayAssignment(store, 'l1', 5)).toBeNull();
    expect(await replayAssignment(store, 'l1', 0)).toBeNull();
    expect(await replayAssignment(store, 'no-such-lead', 1)).toBeNull();
  });

  describe('by the routing rules', () => {
    /** Zhao receives a walk-in (l2) and so owns the new customer c2; then c2's web-form lead l3 follows him. */
    async function walkInThenAgain(): Promise<void> {
      const at = '2026-03-03T09:00:00.000Z';
      await receive('l2', 'walk-in', 'rep-zhao', null, at);
      await register(
        'c2',
        'l2',
        'walk-in',
        'rep-zhao',
        { repId: 'rep-zhao', via: 'received-walk-in', reason: 'walk-in', ...terms },
        at,
      );
      await match('l2', 'c2', true, at);
      await assign('l2', 'rep-zhao', by('received-walk-in'), at);
      const next = '2026-03-04T09:00:00.000Z';
      await receive('l3', 'web-form', null, 'web', next);
      await match('l3', 'c2', false, next);
      await assign('l3', 'rep-zhao', by('existing-customer'), next);
    }

    it('gives a walk-in to its receiver when nobody owned the customer, and the customer’s next lead to that owner', async () => {
      await walkInThenAgain();
      // Later, c2 is transferred to Li: not what l3's routing saw.
      const later = '2026-03-10T09:00:00.000Z';
      const transfer = {
        kind: 'TransferCustomer',
        toRepId: 'rep-li',
        byActorId: 'mgr',
        reason: 'Zhao moves',
        at: later,
        via: 'transfer',
        ...terms,
      } as const;
      await customer('c2', transfer, later);

      expect(await replayAssignment(store, 'l2', 1)).toMatchObject({
        replayed: { rule: 'received-walk-in', repId: 'rep-zhao' },
        identical: true,
        inputs: { customer: { customerId: 'c2', ownerId: null, protectedUntil: null }, pool: null },
      });
      // Zhao's protection: 30 days from 3 March 09:00.
      expect(await replayAssignment(store, 'l3', 1)).toMatchObject({
        replayed: { rule: 'existing-customer', repId: 'rep-zhao' },
        identical: true,
        differences: [],
        inputs: {
          lead: { channel: 'web-form', receivedBy: null, poolId: 'web' },
          customer: { customerId: 'c2', ownerId: 'rep-zhao', protectedUntil: '2026-04-02T09:00:00.000Z' },
          pool: null,
        },
      });
    });

    it('says the rules refuse a rep-sourced lead for a customer a colleague owns', async () => {
      await walkInThenAgain();
      const at = '2026-03-05T09:00:00.000Z';
      await receive('l4', 'rep-sourced', 'rep-li', null, at);
      await match('l4', 'c2', false, at);
      await assign('l4', 'rep-li', by('rep-sourced'), at);

      expect(await replayAssignment(store, 'l4', 1)).toMatchObject({
        replayed: { rule: 'CustomerOwnedByColleague', repId: null },
        identical: false,
        differences: [{ input: 'rule', recorded: 'rep-sourced', replayed: 'CustomerOwnedByColleague' }],
      });
    });

    it('takes the customer a manager chose for a lead held for review', async () => {
      await walkInThenAgain();
      const at = '2026-03-05T12:00:00.000Z';
      await receive('l10', 'web-form', null, 'web', at);
      await lead('l10', { kind: 'FlagForReview', reason: 'keys match c1 and c2', customerIds: ['c1', 'c2'] }, at);
      await lead('l10', { kind: 'ResolveReview', customerId: 'c2', reason: 'same company', evidence: [] }, at, 'mgr');
      await assign('l10', 'rep-zhao', by('existing-customer'), at);

      expect(await replayAssignment(store, 'l10', 1)).toMatchObject({
        replayed: { rule: 'existing-customer', repId: 'rep-zhao' },
        identical: true,
        inputs: { customer: { customerId: 'c2', ownerId: 'rep-zhao' } },
      });
    });

    it('does not recompute a claim: the rep’s act and reason are the decision', async () => {
      const at = '2026-03-05T10:00:00.000Z';
      await receive('l5', 'web-form', null, null, at);
      await lead('l5', { kind: 'ClaimLead', repId: 'rep-li' }, at, 'rep-li');
      // Matched to a customer only after Li claimed it: not an input of the claim.
      await match('l5', 'c9', true, '2026-03-05T11:00:00.000Z');

      expect(await replayAssignment(store, 'l5', 1)).toEqual({
        leadId: 'l5',
        assignment: 1,
        recorded: { repId: 'rep-li', rule: 'claim', occurredAt: at, position: '5', actorId: 'rep-li', reason: null },
        replayed: null,
        identical: null,
        differences: [],
        inputs: { lead: { channel: 'web-form', receivedBy: null, poolId: null }, customer: null, pool: null },
      });
    });

    it.each(['hand-off', 'manager-routing'] as const)('does not recompute a %s either', async (rule) => {
      const at = '2026-03-05T10:00:00.000Z';
      await receive('l5', 'web-form', null, null, at);
      await assign('l5', 'rep-li', by(rule, null, 'Wang left'), at);

      expect(await replayAssignment(store, 'l5', 1)).toMatchObject({
        replayed: null,
        identical: null,
        differences: [],
      });
    });
  });

  describe('when the pool chose after the intake and the lead followed the customer’s owner', () => {
    /**
     * l20 (pool web, new customer c20) waits in the queue while both members are paused. Zhao
     * receives c20's walk-in l21 meanwhile and owns c20. When Wang is back the queue drains to
     * him, but the lead follows c20's owner, Zhao (routing rule a), with the pool's trace kept.
     */
    async function queuedThenOwned(): Promise<void> {
      const at = '2026-03-07T09:00:00.000Z';
      await pool({ kind: 'PauseMember', repId: 'rep-wang', reason: 'leave' }, at);
      await pool({ kind: 'PauseMember', repId: 'rep-li', reason: 'leave' }, at);
      await receive('l20', 'web-form', null, 'web', at);
      await register('c20', 'l20', 'web-form', null, null, at);
      await match('l20', 'c20', true, at);
      await pool({ kind: 'RouteLead', leadId: 'l20' }, at);
      const walkIn = '2026-03-07T10:00:00.000Z';
      await receive('l21', 'walk-in', 'rep-zhao', null, walkIn);
      const owner = { kind: 'AssignOwnership', repId: 'rep-zhao', via: 'received-walk-in', reason: 'walk-in' };
      await customer('c20', { ...owner, leadId: 'l21', at: walkIn, ...terms } as CustomerCommand, walkIn);
      await match('l21', 'c20', false, walkIn);
      await assign('l21', 'rep-zhao', by('received-walk-in'), walkIn);
      const back = '2026-03-07T11:00:00.000Z';
      const resumed = await pool({ kind: 'ResumeMember', repId: 'rep-wang' }, back);
      const drained = resumed.find((event) => event.type === 'PoolLeadAssigned')!;
      const drainTrace = drained.data.trace as unknown as RoutingTrace;
      await assign('l20', 'rep-zhao', by('existing-customer', drainTrace, 'rep-zhao owns this customer'), back);
    }

    it('replays the pool’s pick and the owner rule: identical, the lead to the owner', async () => {
      await queuedThenOwned();

      expect(await replayAssignment(store, 'l20', 1)).toMatchObject({
        recorded: { repId: 'rep-zhao', rule: 'existing-customer' },
        replayed: { rule: 'existing-customer', repId: 'rep-zhao', poolTrace: { chosen: 'rep-wang' } },
        identical: true,
        differences: [],
        // What the routing saw when the queue drained: Zhao owned c20 by his walk-in.
        inputs: { customer: { customerId: 'c20', ownerId: 'rep-zhao' } },
      });
    });
  });

  describe('when a re-route gave the lead to the customer’s owner without asking the pool', () => {
    const later = '2026-03-09T09:30:00.000Z';
    const ownership = { kind: 'AssignOwnership', via: 'pool-rotation', reason: 'rotation', ...terms } as const;

    /** l30 brings the new customer c30: the pool picks Wang, who gets c30 and l30; c30's next lead l31 follows him. Wang declines both. */
    async function wangDeclinesBoth(): Promise<void> {
      const at = '2026-03-09T09:00:00.000Z';
      await receive('l30', 'web-form', null, 'web', at);
      await register('c30', 'l30', 'web-form', null, null, at);
      await match('l30', 'c30', true, at);
      const first = await poolPick('l30', at);
      await customer('c30', { ...ownership, repId: 'rep-wang', leadId: 'l30', at }, at);
      await assign('l30', 'rep-wang', by('pool-rotation', first, 'rotation'), at);
      await receive('l31', 'web-form', null, 'web', at);
      await match('l31', 'c30', false, at);
      await assign('l31', 'rep-wang', by('existing-customer'), at);
      for (const leadId of ['l30', 'l31']) {
        await lead(leadId, { kind: 'DeclineLead', repId: 'rep-wang', reason: 'busy' }, later, 'rep-wang');
      }
    }

    /** Then l30's re-route goes to Li by the pool and takes c30 to Li; l31's is recorded to `recordedRep` as c30's owner, with no pool turn. */
    async function bothDeclined(recordedRep: string): Promise<void> {
      await wangDeclinesBoth();
      const [rerouted] = await pool({ kind: 'RerouteLead', leadId: 'l30', passedOver: ['rep-wang'] }, later);
      await customer(
        'c30',
        { ...ownership, repId: 'rep-li', leadId: 'l30', at: later, replacesLeadOwner: true },
        later,
      );
      await assign(
        'l30',
        'rep-li',
        by('reassigned-after-decline', rerouted.data.trace as unknown as RoutingTrace),
        later,
      );
      await assign('l31', recordedRep, by('existing-customer', null, `${recordedRep} owns this customer`), later);
    }

    it('replays the owner rule on the customer as it stood: identical, the lead to the owner', async () => {
      await bothDeclined('rep-li');

      expect(await replayAssignment(store, 'l31', 2)).toMatchObject({
        recorded: { repId: 'rep-li', rule: 'existing-customer' },
        replayed: { rule: 'existing-customer', repId: 'rep-li' },
        identical: true,
        differences: [],
        inputs: { customer: { customerId: 'c30', ownerId: 'rep-li' }, pool: null },
      });
    });

    it('names the rep when the record followed someone other than the owner', async () => {
      await bothDeclined('rep-zhao');

      expect(await replayAssignment(store, 'l31', 2)).toMatchObject({
        replayed: { rule: 'existing-customer', repId: 'rep-li' },
        identical: false,
        differences: [{ input: 'repId', recorded: 'rep-zhao', replayed: 'rep-li' }],
      });
    });

    it('leaves it to the pool when the owner had passed on the lead', async () => {
      await wangDeclinesBoth();
      await assign('l31', 'rep-wang', by('existing-customer', null, 'rep-wang owns this customer'), later);

      expect(await replayAssignment(store, 'l31', 2)).toMatchObject({
        replayed: { rule: 'pool-rotation', repId: null },
        identical: false,
        differences: [{ input: 'repId', recorded: 'rep-wang', replayed: null }],
        inputs: { customer: { customerId: 'c30', ownerId: 'rep-wang' } },
      });
    });

    it('nor to an owner who has the customer through this very lead: that re-route was the pool’s', async () => {
      await wangDeclinesBoth();
      await pool({ kind: 'RerouteLead', leadId: 'l30', passedOver: ['rep-wang'] }, later);
      await customer(
        'c30',
        { ...ownership, repId: 'rep-li', leadId: 'l30', at: later, replacesLeadOwner: true },
        later,
      );
      await assign('l30', 'rep-li', by('existing-customer', null, 'rep-li owns this customer'), later);

      expect(await replayAssignment(store, 'l30', 2)).toMatchObject({
        replayed: { rule: 'pool-rotation', repId: null },
        differences: [{ input: 'repId', recorded: 'rep-li', replayed: null }],
      });
    });
  });

  describe('when the lead followed an owner who had passed on it', () => {
    it('names the rep: an owner who declined the lead keeps the customer but not the lead', async () => {
      // Zhao owns c22 (walk-in l23) and is a member of pool web. l22 (c22's web-form lead) goes to
      // Zhao by rule a; Zhao declines it, and the pool re-routes it past him to Wang (Wang 2, Li 1,
      // Zhao 1: credits 2/1/1, Wang). The record says it followed Zhao again: the rules say Wang.
      const at = '2026-03-08T09:00:00.000Z';
      await pool({ kind: 'AddMember', repId: 'rep-zhao', weight: 1, dailyCap: null, monthlyCap: null }, at);
      await receive('l23', 'walk-in', 'rep-zhao', null, at);
      const owner = { repId: 'rep-zhao', via: 'received-walk-in', reason: 'walk-in', ...terms } as const;
      await register('c22', 'l23', 'walk-in', 'rep-zhao', owner, at);
      await receive('l22', 'web-form', null, 'web', at);
      await match('l22', 'c22', false, at);
      await assign('l22', 'rep-zhao', by('existing-customer'), at);
      await lead('l22', { kind: 'DeclineLead', repId: 'rep-zhao', reason: 'busy' }, at, 'rep-zhao');
      const [rerouted] = await pool({ kind: 'RerouteLead', leadId: 'l22', passedOver: ['rep-zhao'] }, at);
      const trace = rerouted.data.trace as unknown as RoutingTrace;
      await assign('l22', 'rep-zhao', by('existing-customer', trace, 'rep-zhao owns this customer'), at);

      expect(await replayAssignment(store, 'l22', 2)).toMatchObject({
        replayed: { rule: 'existing-customer', repId: 'rep-wang', poolTrace: { chosen: 'rep-wang' } },
        identical: false,
        differences: [{ input: 'repId', recorded: 'rep-zhao', replayed: 'rep-wang' }],
        inputs: { customer: { customerId: 'c22', ownerId: 'rep-zhao' } },
      });
    });
  });

  describe('when the pool’s side does not agree', () => {
    it('names the pool decision it cannot find', async () => {
      // l6 carries a pool trace for pool north, whose stream the log does not hold.
      const at = '2026-03-06T09:00:00.000Z';
      await receive('l6', 'web-form', null, 'north', at);
      const rotation = { rotationBefore: {}, rotationAfter: {}, chosen: 'rep-wang' };
      const trace: RoutingTrace = {
        strategy: 'smooth-weighted-round-robin',
        policyVersion: 3,
        candidates: [],
        ...rotation,
      };
      await assign('l6', 'rep-wang', by('pool-rotation', trace), at);

      expect(await replayAssignment(store, 'l6', 1)).toMatchObject({
        replayed: null,
        identical: false,
        differences: [{ input: 'pool decision', recorded: 'north', replayed: null }],
        inputs: { customer: null, pool: null },
      });
    });

    it('names the rep when the lead went to someone the pool did not choose', async () => {
      const at = '2026-03-06T10:00:00.000Z';
      await receive('l7', 'web-form', null, 'web', at);
      await assign('l7', 'rep-zhao', by('pool-rotation', await poolPick('l7', at)), at);

      // The pool's pick replays as recorded (Wang), but the lead records Zhao.
      expect(await replayAssignment(store, 'l7', 1)).toMatchObject({
        replayed: { rule: 'pool-rotation', repId: 'rep-wang' },
        identical: false,
        differences: [{ input: 'repId', recorded: 'rep-zhao', replayed: 'rep-wang' }],
      });
    });

    it('names the rule and the rep when the record agrees with neither the rules nor the pool', async () => {
      // l11, a walk-in Zhao received for a new customer, recorded as the pool's rotation to Zhao;
      // the rules give it to Zhao as its receiver, and the pool's pick was Wang.
      const at = '2026-03-05T13:00:00.000Z';
      await receive('l11', 'walk-in', 'rep-zhao', 'web', at);
      await register('c11', 'l11', 'walk-in', 'rep-zhao', null, at);
      await match('l11', 'c11', true, at);
      await assign('l11', 'rep-zhao', by('pool-rotation', await poolPick('l11', at)), at);

      expect(await replayAssignment(store, 'l11', 1)).toMatchObject({
        replayed: { rule: 'received-walk-in', repId: 'rep-wang' },
        identical: false,
        differences: [
          { input: 'rule', recorded: 'pool-rotation', replayed: 'received-walk-in' },
          { input: 'repId', recorded: 'rep-zhao', replayed: 'rep-wang' },
        ],
      });
    });

    it('names the choice, not the rep again, when the pool’s own pick replays differently', async () => {
      // An imported pool log whose decision for l8 says Li, though the rotation gives Wang first.
      const at = '2026-03-06T11:00:00.000Z';
      await receive('l8', 'web-form', null, 'web', at);
      const before = (await store.readStream(poolStreamId('web'))).reduce(
        (state, e) => poolDecider.evolve(state, { type: e.type, data: e.data } as never),
        poolDecider.initialState,
      );
      const [real] = poolDecider.decide({ kind: 'RouteLead', poolId: 'web', leadId: 'l8', ...MON }, before) as never[];
      const { data } = real as { data: { trace: RoutingTrace } };
      const claimed = { ...data, repId: 'rep-li', trace: { ...data.trace, chosen: 'rep-li' } };
      const imported: NewEvent = { type: 'PoolLeadAssigned', data: claimed as never, metadata: metadataAt(at) };
      await store.appendToStream(poolStreamId('web'), [imported], { expectedRevision: 'any' });
      await assign('l8', 'rep-li', by('pool-rotation', claimed.trace), at);

      const replay = await replayAssignment(store, 'l8', 1);

      expect(replay?.identical).toBe(false);
      expect(replay?.replayed).toMatchObject({ repId: 'rep-wang' });
      expect(replay?.differences).toContainEqual({ input: 'chosen', recorded: 'rep-li', replayed: 'rep-wang' });
      expect(replay?.differences.map((d) => d.input)).not.toContain('repId');
    });
  });

  it('reads a pool with a long history page by page', async () => {
    // Zhao joins (version 4) and is paused and resumed 1,000 times (versions 5–2,004): the pick is
    // the pool's event at revision 2,004 (3 events, Zhao's, then 2,000), on its second page of 2,000.
    const at = '2026-03-07T09:00:00.000Z';
    await pool({ kind: 'AddMember', repId: 'rep-zhao', weight: 1, dailyCap: null, monthlyCap: null }, at);
    const metadata = metadataAt(at);
    const padding = Array.from({ length: 2000 }, (_, i): NewEvent =>
      i % 2 === 0
        ? { type: 'PoolMemberPaused', data: { poolId: 'web', repId: 'rep-zhao', reason: 'leave' }, metadata }
        : { type: 'PoolMemberResumed', data: { poolId: 'web', repId: 'rep-zhao' }, metadata },
    );
    await store.appendToStream(poolStreamId('web'), padding, { expectedRevision: 'any' });
    await receive('l9', 'web-form', null, 'web', at);
    const picked = await poolPick('l9', at);
    await assign('l9', picked.chosen!, by('pool-rotation', picked), at);

    expect(await replayAssignment(store, 'l9', 1)).toMatchObject({
      identical: true,
      inputs: { pool: { poolId: 'web', eventsReplayed: 2004, policyVersion: 2004 } },
    });
    // A trace the pool never recorded is looked for to the end of its history, then named.
    await receive('l12', 'web-form', null, 'web', at);
    await assign('l12', 'rep-wang', by('pool-rotation', { ...picked, policyVersion: 1 }), at);
    expect((await replayAssignment(store, 'l12', 1))?.differences).toEqual([
      { input: 'pool decision', recorded: 'web', replayed: null },
    ]);
  });
});
