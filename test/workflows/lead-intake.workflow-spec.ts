import { customerDecider, customerStreamId } from '@leadledger/customers';
import { EventStore, loadState } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { ReadModelDatabase } from '@leadledger/projections';
import { ReactorRunner, leadIntakeReactor, newCustomerIdFor, processReceivedLead } from '@leadledger/workflows';
import { CrashingStore, logOf } from './crashing-store';
import { poolOf, receive } from './intake-fixtures';

const policy = { timeZone: 'Asia/Shanghai', defaultProtectionDays: 30, defaultProtectionWarningDays: 5 };
const customerOfPhone = (e164: string) => newCustomerIdFor({ kind: 'phone', value: e164 });
const customerOfEmail = (email: string) => newCustomerIdFor({ kind: 'email', value: email });

describe('lead intake workflow on the real SQLite store', () => {
  const dir = tempDirectory('leadledger-intake');
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ file: dir.file(`events-${Math.random()}.sqlite`) })));
  afterEach(async () => store.close());
  afterAll(() => dir.remove());

  const lead = async (leadId: string) => (await loadState(store, leadStreamId(leadId), leadDecider)).state;
  const intake = async (leadId: string, details: Parameters<typeof receive>[2]) => {
    await receive(store, leadId, details);
    await processReceivedLead(store, leadId, policy);
  };
  const customer = async (customerId: string) =>
    (await loadState(store, customerStreamId(customerId), customerDecider)).state;

  it('gives a walk-in for a new customer to the rep who received it, who now owns the customer', async () => {
    await intake('lead-1', {
      channel: 'walk-in',
      phone: '138 0013 8000',
      receivedBy: 'rep-wang',
      poolId: 'east',
    });
    expect(await lead('lead-1')).toMatchObject({
      status: 'assigned',
      repId: 'rep-wang',
      acceptBy: null,
      customerId: customerOfPhone('+8613800138000'),
    });
    expect(await customer(customerOfPhone('+8613800138000'))).toMatchObject({
      status: 'owned',
      owner: { repId: 'rep-wang', since: '2026-11-02T02:00:00.000Z', protectedUntil: '2026-12-02T02:00:00.000Z' },
    });
  });

  it('rotates web leads through the pool, with the pool trace and an acceptance deadline', async () => {
    await poolOf(store, 'east', ['rep-a', 'rep-b', 'rep-c']);
    const chosen: string[] = [];
    for (let n = 1; n <= 6; n++) {
      await intake(`lead-${n}`, { channel: 'web-form', phone: `1380013800${n}`, poolId: 'east' });
      const state = await lead(`lead-${n}`);
      if (state.status !== 'assigned') throw new Error(`lead-${n} is ${state.status}`);
      chosen.push(state.repId);
    }
    expect(chosen).toEqual(['rep-a', 'rep-b', 'rep-c', 'rep-a', 'rep-b', 'rep-c']);
    const [assigned] = (await store.readStream(leadStreamId('lead-2'))).filter((e) => e.type === 'LeadAssigned');
    expect(assigned.data).toMatchObject({
      repId: 'rep-b',
      acceptBy: '2026-11-02T02:30:00.000Z',
      trace: {
        rule: 'pool-rotation',
        pool: { strategy: 'smooth-weighted-round-robin', policyVersion: 4, chosen: 'rep-b' },
      },
    });
  });

  it('sends a later lead of an owned customer to the owner, not the pool, and adds its new e-mail', async () => {
    await poolOf(store, 'east', ['rep-a', 'rep-b']);
    await intake('lead-1', { channel: 'walk-in', phone: '13800138000', receivedBy: 'rep-wang' });
    await intake('lead-2', {
      channel: 'web-form',
      phone: '+86 138-0013-8000',
      email: 'Zhang@Example.cn',
      poolId: 'east',
    });
    expect(await lead('lead-2')).toMatchObject({
      status: 'assigned',
      repId: 'rep-wang',
      customerId: customerOfPhone('+8613800138000'),
    });
    const state = await customer(customerOfPhone('+8613800138000'));
    expect(state.status !== 'unregistered' && state.keys).toEqual([
      { kind: 'phone', value: '+8613800138000' },
      { kind: 'email', value: 'zhang@example.cn' },
    ]);
  });

  it('flags a lead whose phone and e-mail belong to two different customers, and merges nothing', async () => {
    await intake('lead-1', { channel: 'walk-in', phone: '13800138000', receivedBy: 'rep-wang' });
    await receive(store, 'lead-2', { channel: 'walk-in', email: 'li@example.cn', receivedBy: 'rep-li' });
    await processReceivedLead(store, 'lead-2', policy);
    await intake('lead-3', {
      channel: 'phone',
      phone: '13800138000',
      email: 'li@example.cn',
      receivedBy: 'rep-zhao',
    });
    expect(await lead('lead-3')).toMatchObject({ status: 'received', flaggedForReview: true });
    const [flag] = (await store.readStream(leadStreamId('lead-3'))).filter((e) => e.type === 'LeadFlaggedForReview');
    expect(flag.data.customerIds).toEqual([customerOfPhone('+8613800138000'), customerOfEmail('li@example.cn')].sort());
  });

  it('makes exactly one customer from 50 concurrent leads for the same new phone number', async () => {
    await poolOf(store, 'east', ['rep-a', 'rep-b', 'rep-c']);
    const ids = Array.from({ length: 50 }, (_, n) => `lead-${n}`);
    await Promise.all(
      ids.map((id) => receive(store, id, { channel: 'web-form', phone: '13912345678', poolId: 'east' })),
    );
    await Promise.all(ids.map((id) => processReceivedLead(store, id, policy)));
    const registered = await store.readAll({ maxCount: 10_000, filter: { eventTypes: ['CustomerRegistered'] } });
    expect(registered).toHaveLength(1);
    const reserved = await store.readAll({ maxCount: 10_000, filter: { eventTypes: ['IdentityKeyReserved'] } });
    expect(reserved).toHaveLength(1);
    const states = await Promise.all(ids.map(lead));
    const customerIds = new Set(states.map((s) => (s.status === 'absent' ? null : s.customerId)));
    expect([...customerIds]).toEqual([registered[0].data.customerId]);
    // The first lead made the customer its rep's; every later one followed the owner.
    const reps = new Set(states.map((s) => (s.status === 'assigned' ? s.repId : s.status)));
    expect(reps.size).toBe(1);
  });

  it('takes one turn of the pool for leads of one new customer that arrive together, not one per lead', async () => {
    await poolOf(store, 'east', ['rep-a', 'rep-b', 'rep-c']);
    // A web form sent twice, and a third time: three leads of one new phone number at once.
    const ids = ['lead-1', 'lead-2', 'lead-3'];
    await Promise.all(
      ids.map((id) => receive(store, id, { channel: 'web-form', phone: '13912345678', poolId: 'east' })),
    );
    await Promise.all(ids.map((id) => processReceivedLead(store, id, policy)));
    const turns = await store.readAll({ maxCount: 100, filter: { eventTypes: ['PoolLeadAssigned'] } });
    expect(turns.map((e) => e.data.leadId)).toEqual(['lead-1']);
    const states = await Promise.all(ids.map(lead));
    expect(states.map((s) => (s.status === 'assigned' ? s.repId : s.status))).toEqual(['rep-a', 'rep-a', 'rep-a']);
    // The next new customer gets the next rep: the two repeats took no turn of rep-b or rep-c.
    await intake('lead-4', { channel: 'web-form', phone: '13800138004', poolId: 'east' });
    expect(await lead('lead-4')).toMatchObject({ status: 'assigned', repId: 'rep-b' });
  });
});

describe('lead intake interrupted between two of its appends', () => {
  const dir = tempDirectory('leadledger-intake-crash');
  afterAll(() => dir.remove());

  const scenario = async (store: EventStore) => {
    await poolOf(store, 'east', ['rep-a', 'rep-b']);
    await receive(store, 'lead-1', {
      channel: 'web-form',
      phone: '13800138000',
      email: 'a@example.cn',
      poolId: 'east',
    });
  };

  /** An intake never interrupted: its log, and how many appends it made. */
  const uninterrupted = async (file: string, severalStreamsAtOnce: boolean) => {
    const real = new SqliteEventStore({ file: dir.file(file) });
    await scenario(real);
    const counting = new CrashingStore(real, Number.POSITIVE_INFINITY, severalStreamsAtOnce);
    await processReceivedLead(counting, 'lead-1', policy);
    const log = await logOf(real);
    await real.close();
    return { log, appends: counting.appends };
  };

  it('writes the same log on a store that appends several streams at once as on one that appends one at a time', async () => {
    const oneByOne = await uninterrupted('same-log-one-by-one.sqlite', false);
    const together = await uninterrupted('same-log-together.sqlite', true);
    expect(together.log).toEqual(oneByOne.log);
  });

  // A store that writes several streams in one append has fewer crash points.
  it.each([
    // Reserve phone, reserve e-mail, register the customer, route in the pool, record the
    // owner, match and assign the lead (one append).
    { store: 'appending one stream at a time (EventStoreDB)', severalStreamsAtOnce: false, appends: 6 },
    // Reserve phone and e-mail with the customer's registration, route in the pool, record
    // the owner with the lead's match and assignment.
    { store: 'appending several streams at once (SQLite)', severalStreamsAtOnce: true, appends: 3 },
  ])(
    'completes after a restart at every crash point, with no duplicate event and no lost lead, on a store $store',
    async ({ severalStreamsAtOnce, appends }) => {
      const name = severalStreamsAtOnce ? 'together' : 'one-by-one';
      const { log: expected, appends: appendsInIntake } = await uninterrupted(
        `reference-${name}.sqlite`,
        severalStreamsAtOnce,
      );
      expect(appendsInIntake).toBe(appends);

      // Restarted by an engine of either kind: one that appends several streams at once also
      // completes what one appending a stream at a time left (an upgrade, a switch of store).
      for (let crashAt = 1; crashAt <= appendsInIntake; crashAt++) {
        for (const restartTogether of [false, true]) {
          const file = dir.file(`crash-${name}-${crashAt}-${restartTogether ? 'together' : 'one-by-one'}.sqlite`);
          const real = new SqliteEventStore({ file });
          await scenario(real);
          const crashing = new CrashingStore(real, crashAt, severalStreamsAtOnce);
          await expect(processReceivedLead(crashing, 'lead-1', policy)).rejects.toThrow('simulated crash');
          const restarted = new CrashingStore(real, Number.POSITIVE_INFINITY, restartTogether);
          await processReceivedLead(restarted, 'lead-1', policy);
          expect(await logOf(real)).toEqual(expected);
          await real.close();
        }
      }
    },
  );

  it('is completed by the intake reactor when the engine restarts, from the reactor checkpoint', async () => {
    const reference = new SqliteEventStore({ file: dir.file('reference-2.sqlite') });
    await scenario(reference);
    await processReceivedLead(reference, 'lead-1', policy);
    const expected = await logOf(reference);
    await reference.close();

    const real = new SqliteEventStore({ file: dir.file('restart.sqlite'), pollIntervalMs: 5 });
    await scenario(real);
    // Interrupted before the pool's turn: the keys and the customer are written, the rest is not.
    await expect(processReceivedLead(new CrashingStore(real, 2), 'lead-1', policy)).rejects.toThrow('simulated crash');
    const checkpoints = new ReadModelDatabase(dir.file('restart-read.sqlite'));
    const runner = new ReactorRunner(real, checkpoints, [leadIntakeReactor(real, policy)]);
    runner.start();
    await runner.reached(await real.headPosition());
    await runner.stop();
    expect(await logOf(real)).toEqual(expected);
    checkpoints.close();
    await real.close();
  });
});
