import { customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { ReadModelDatabase } from '@leadledger/projections';
import { ReactorRunner, claimLead, leadRoutingReactor, processReceivedLead, rerouteLead } from '@leadledger/workflows';
import { CrashingStore, logOf } from './crashing-store';
import { at, poolOf, receive } from './intake-fixtures';

const policy = { timeZone: 'Asia/Shanghai', defaultProtectionDays: 30, defaultProtectionWarningDays: 5 };
const declinedAt = '2026-11-02T02:10:00.000Z';
const byRep = (repId: string): CommandContext => at(declinedAt, { actorId: `key:${repId}`, actorRole: 'rep' });

async function leadWaitingForRepA(store: EventStore): Promise<void> {
  await poolOf(store, 'east', ['rep-a', 'rep-b', 'rep-c']);
  await receive(store, 'lead-1', { channel: 'web-form', phone: '13800138000', poolId: 'east' });
  await processReceivedLead(store, 'lead-1', policy);
}

const decline = (store: EventStore, repId: string, leadId = 'lead-1') =>
  handleCommand(store, leadStreamId(leadId), leadDecider, { kind: 'DeclineLead', repId, reason: 'busy' }, byRep(repId));

/** lead-1 routed to rep-a by the pool, and lead-2 of the same customer after it: rep-a owns the customer and holds both. */
async function twoLeadsOfOneCustomerWithRepA(store: EventStore): Promise<void> {
  await leadWaitingForRepA(store);
  await receive(store, 'lead-2', { channel: 'web-form', phone: '13800138000', poolId: 'east' });
  await processReceivedLead(store, 'lead-2', policy);
}

const poolDecisions = async (store: EventStore) =>
  (await store.readAll({ maxCount: 1000, filter: { eventTypes: ['PoolLeadAssigned'] } })).map(
    (e) => `${String(e.data.leadId)} -> ${String(e.data.repId)}`,
  );

const holderOf = async (store: EventStore, leadId: string) => {
  const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
  return state.status === 'assigned' ? state.repId : state.status;
};

describe('re-routing a declined lead', () => {
  const dir = tempDirectory('leadledger-reroute');
  afterAll(() => dir.remove());
  const open = (name: string) => new SqliteEventStore({ file: dir.file(`${name}.sqlite`), pollIntervalMs: 5 });

  it('moves the lead and its new customer on to the next member, skipping the rep who declined', async () => {
    const store = open('declined');
    await leadWaitingForRepA(store);
    await decline(store, 'rep-a');
    await rerouteLead(store, 'lead-1', declinedAt, policy.timeZone, byRep('rep-a'));

    const { state: lead } = await loadState(store, leadStreamId('lead-1'), leadDecider);
    expect(lead).toMatchObject({
      status: 'assigned',
      repId: 'rep-b',
      passedOver: ['rep-a'],
      acceptBy: '2026-11-02T02:40:00.000Z',
    });
    const assigned = (await store.readStream(leadStreamId('lead-1'))).filter((e) => e.type === 'LeadAssigned');
    expect(assigned.at(-1)!.data.trace).toMatchObject({ rule: 'reassigned-after-decline' });
    if (lead.status === 'absent') throw new Error('no lead');
    const { state: customer } = await loadState(store, customerStreamId(lead.customerId!), customerDecider);
    expect(customer).toMatchObject({ status: 'owned', owner: { repId: 'rep-b', since: declinedAt } });
    await store.close();
  });

  it.each([
    ['one after the other', false],
    ['both at once', true],
  ])(
    'takes no pool turn for a second declined lead of a customer the first re-route gave a new owner (%s)',
    async (_, atOnce) => {
      const store = open(`two-leads-${String(atOnce)}`);
      await twoLeadsOfOneCustomerWithRepA(store);
      await decline(store, 'rep-a', 'lead-1');
      await decline(store, 'rep-a', 'lead-2');
      const reroute = (leadId: string) => rerouteLead(store, leadId, declinedAt, policy.timeZone, byRep('rep-a'));
      if (atOnce) await Promise.all([reroute('lead-1'), reroute('lead-2')]);
      else for (const leadId of ['lead-1', 'lead-2']) await reroute(leadId);

      expect(await holderOf(store, 'lead-1')).toBe('rep-b');
      expect(await holderOf(store, 'lead-2')).toBe('rep-b');
      const lastAssignment = (await store.readStream(leadStreamId('lead-2'))).filter((e) => e.type === 'LeadAssigned');
      expect(lastAssignment.at(-1)!.data.trace).toEqual({
        rule: 'existing-customer',
        pool: null,
        note: 'rep-b owns this customer',
      });
      // rep-c was not counted a lead it never got, so the next new customer is rep-c's turn.
      expect(await poolDecisions(store)).toEqual(['lead-1 -> rep-a', 'lead-1 -> rep-b']);
      await receive(store, 'lead-3', { channel: 'web-form', phone: '13900139000', poolId: 'east' });
      await processReceivedLead(store, 'lead-3', policy);
      expect(await holderOf(store, 'lead-3')).toBe('rep-c');
      await store.close();
    },
  );

  it('leaves the customer with an owner who declined the lead, and lets the pool choose who takes it', async () => {
    const store = open('owner-declined');
    await twoLeadsOfOneCustomerWithRepA(store);
    await decline(store, 'rep-a', 'lead-2');
    await rerouteLead(store, 'lead-2', declinedAt, policy.timeZone, byRep('rep-a'));

    expect(await holderOf(store, 'lead-2')).toBe('rep-b');
    expect(await holderOf(store, 'lead-1')).toBe('rep-a');
    expect(await poolDecisions(store)).toEqual(['lead-1 -> rep-a', 'lead-2 -> rep-b']);
    const { state: lead } = await loadState(store, leadStreamId('lead-2'), leadDecider);
    if (lead.status === 'absent') throw new Error('no lead');
    const { state: customer } = await loadState(store, customerStreamId(lead.customerId!), customerDecider);
    expect(customer).toMatchObject({ status: 'owned', owner: { repId: 'rep-a' } });
    await store.close();
  });

  it('queues the lead when every member has passed on it', async () => {
    const store = open('all-passed');
    await leadWaitingForRepA(store);
    for (const repId of ['rep-a', 'rep-b', 'rep-c']) {
      await decline(store, repId);
      await rerouteLead(store, 'lead-1', declinedAt, policy.timeZone, byRep(repId));
    }
    const { state } = await loadState(store, leadStreamId('lead-1'), leadDecider);
    expect(state).toMatchObject({ status: 'queued', poolId: 'east', passedOver: ['rep-a', 'rep-b', 'rep-c'] });
    await store.close();
  });

  it('gives the customer with the lead to a rep who claims it once everyone passed, not to the last who ignored it', async () => {
    const store = open('claimed-after-all-passed');
    await leadWaitingForRepA(store);
    for (const repId of ['rep-a', 'rep-b', 'rep-c']) {
      await decline(store, repId);
      await rerouteLead(store, 'lead-1', declinedAt, policy.timeZone, byRep(repId));
    }
    const claimedAt = '2026-11-02T03:00:00.000Z';
    expect(await claimLead(store, 'lead-1', 'rep-a', claimedAt, policy, at(claimedAt))).toBeNull();

    const { state: lead } = await loadState(store, leadStreamId('lead-1'), leadDecider);
    expect(lead).toMatchObject({ status: 'accepted', repId: 'rep-a' });
    if (lead.status === 'absent') throw new Error('no lead');
    const { state: customer } = await loadState(store, customerStreamId(lead.customerId!), customerDecider);
    expect(customer).toMatchObject({ status: 'owned', owner: { repId: 'rep-a' } });
    await store.close();
  });

  it('completes at every crash point on a re-run, with the same log as an uninterrupted re-route', async () => {
    const reference = open('reference');
    await leadWaitingForRepA(reference);
    await decline(reference, 'rep-a');
    const counting = new CrashingStore(reference, Number.POSITIVE_INFINITY);
    await rerouteLead(counting, 'lead-1', declinedAt, policy.timeZone, byRep('rep-a'));
    const expected = await logOf(reference);
    // The pool's re-route, the customer following its lead, the lead's new assignment.
    expect(counting.appends).toBe(3);
    await reference.close();

    for (let crashAt = 1; crashAt <= 3; crashAt++) {
      const real = open(`crash-${crashAt}`);
      await leadWaitingForRepA(real);
      await decline(real, 'rep-a');
      await expect(
        rerouteLead(new CrashingStore(real, crashAt), 'lead-1', declinedAt, policy.timeZone, byRep('rep-a')),
      ).rejects.toThrow('simulated crash');
      await rerouteLead(real, 'lead-1', declinedAt, policy.timeZone, byRep('rep-a'));
      expect(await logOf(real)).toEqual(expected);
      await real.close();
    }
  });

  it('is done by the lead-routing reactor from the log alone, after a crash right after the pool decided', async () => {
    const real = open('reactor');
    await leadWaitingForRepA(real);
    await decline(real, 'rep-a');
    await expect(
      rerouteLead(new CrashingStore(real, 2), 'lead-1', declinedAt, policy.timeZone, byRep('rep-a')),
    ).rejects.toThrow('simulated crash');
    const checkpoints = new ReadModelDatabase(dir.file('reactor-read.sqlite'));
    const runner = new ReactorRunner(real, checkpoints, [leadRoutingReactor(real, policy)]);
    runner.start();
    for (let head = await real.headPosition(); ;) {
      await runner.reached(head);
      const next = await real.headPosition();
      if (next === head) break;
      head = next;
    }
    await runner.stop();
    const { state } = await loadState(real, leadStreamId('lead-1'), leadDecider);
    expect(state).toMatchObject({ status: 'assigned', repId: 'rep-b' });
    const assignments = (await real.readAll({ maxCount: 1000, filter: { eventTypes: ['PoolLeadAssigned'] } })).length;
    expect(assignments).toBe(2); // the first routing and one re-route: nothing twice
    checkpoints.close();
    await real.close();
  });

  it.each([
    ['every member passed on the lead, which waits in the queue', 'queued'],
    ['every member passed on the lead, then a rep claimed it', 'claimed'],
    ['a rep claimed the lead, then a manager moved its customer on', 'transferred'],
  ] as const)(
    'writes nothing when its reactor runs over the whole history again (%s), as a second engine or a restore does',
    async (_scene, scene) => {
      const real = open(`replayed-${scene}`);
      await leadWaitingForRepA(real);
      for (const repId of ['rep-a', 'rep-b', 'rep-c']) {
        await decline(real, repId);
        await rerouteLead(real, 'lead-1', declinedAt, policy.timeZone, byRep(repId));
      }
      if (scene !== 'queued')
        await claimLead(real, 'lead-1', 'rep-b', '2026-11-02T03:00:00.000Z', policy, at(declinedAt));
      if (scene === 'transferred') {
        const { state: lead } = await loadState(real, leadStreamId('lead-1'), leadDecider);
        const customerId = lead.status === 'absent' ? '' : lead.customerId!;
        const movedAt = '2026-11-02T04:00:00.000Z';
        const transfer = {
          kind: 'TransferCustomer',
          toRepId: 'rep-c',
          byActorId: 'key:manager',
          reason: 'territory',
        } as const;
        const terms = { protectionDays: 30, warningDays: 5, via: 'transfer', at: movedAt } as const;
        await handleCommand(
          real,
          customerStreamId(customerId),
          customerDecider,
          { ...transfer, ...terms },
          at(movedAt),
        );
      }
      const head = await real.headPosition();
      // A reactor with no checkpoint of its own: it reads every event from the first.
      const checkpoints = new ReadModelDatabase(dir.file(`replayed-${scene}-read.sqlite`));
      const runner = new ReactorRunner(real, checkpoints, [leadRoutingReactor(real, policy)]);
      runner.start();
      await runner.reached(head);
      await runner.stop();
      checkpoints.close();
      const written = (await real.readAll({ after: head, maxCount: 100 })).map((e) => `${e.type} ${e.streamId}`);
      expect(written).toEqual([]);
      await real.close();
    },
  );
});
