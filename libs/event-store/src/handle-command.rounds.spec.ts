import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { tempDirectory } from '@leadledger/event-store/testing';
import { type Decider, isRefusal } from '@leadledger/kernel';
import { type PoolCommand, type PoolState, poolDecider } from '@leadledger/routing';
import type { AppendOptions } from './event-store.port';
import { handleCommand, handleCommandsTogether } from './handle-command';
import {
  POOL_STREAM as STREAM,
  accepted,
  addMember,
  createPool,
  managerContext as context,
  routeLead as route,
} from './pool-commands.fixtures';
import type { NewEvent } from './stored-event';

/** The real store, counting appends. */
class CountingStore extends SqliteEventStore {
  appends = 0;
  override async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
    this.appends++;
    return super.appendToStream(streamId, events, options);
  }
}

describe('handleCommand with concurrent commands on one stream in one process', () => {
  const dir = tempDirectory('leadledger-command-rounds');
  let store: CountingStore;
  const handle = (command: PoolCommand) => handleCommand(store, STREAM, poolDecider, command, context);

  beforeEach(async () => {
    store = new CountingStore({ file: dir.file(`events-${Math.random()}.sqlite`) });
    accepted(await handle(createPool));
    for (const repId of ['rep-a', 'rep-b']) accepted(await handle(addMember(repId)));
    store.appends = 0;
  });
  afterEach(async () => store.close());
  afterAll(() => dir.remove());

  it('decides them in turn without losing a race, in fewer appends than commands', async () => {
    const results = (await Promise.all(Array.from({ length: 20 }, (_, n) => handle(route(`lead-${n}`))))).map(accepted);
    const sequences = results.map((r) => r.events[0].data.sequence);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    // Each caller sees the state its own events left, not the round's last.
    expect(results.map((r) => (r.state.status === 'active' ? r.state.lastSequence : null))).toEqual(sequences);
    expect(store.appends).toBeLessThan(20);
    const stored = (await store.readStream(STREAM)).filter((e) => e.type === 'PoolLeadAssigned');
    expect(stored.map((e) => e.data.sequence)).toEqual(sequences);
  });

  it('answers a refusal that depends on an earlier command of the same round', async () => {
    const [first, second] = await Promise.all([handle(route('lead-1')), handle(route('lead-1'))]);
    expect(accepted(first).events).toHaveLength(1);
    expect(isRefusal(second) && second.code).toBe('LeadAlreadyRouted');
  });

  it('fails only the caller whose decider throws, and appends the others', async () => {
    const broken: Decider<PoolCommand, PoolState, never> = {
      ...poolDecider,
      decide: () => {
        throw new Error('a bug in decide');
      },
    } as unknown as Decider<PoolCommand, PoolState, never>;
    const outcomes = await Promise.allSettled([
      handle(route('lead-1')),
      handleCommand(store, STREAM, broken, route('lead-2'), context),
      handle(route('lead-3')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = (await store.readStream(STREAM)).filter((e) => e.type === 'PoolLeadAssigned');
    expect(stored.map((e) => e.data.leadId)).toEqual(['lead-1', 'lead-3']);
  });
});

describe('handleCommandsTogether', () => {
  const dir = tempDirectory('leadledger-commands-together');
  let store: CountingStore;

  beforeEach(async () => {
    store = new CountingStore({ file: dir.file(`events-${Math.random()}.sqlite`) });
  });
  afterEach(async () => store.close());
  afterAll(() => dir.remove());

  it('decides the commands in order, each on what the one before left, in one append', async () => {
    const outcomes = await handleCommandsTogether(
      store,
      STREAM,
      poolDecider,
      [createPool, addMember('rep-a'), route('lead-1')],
      context,
    );
    expect(outcomes.map((o) => accepted(o).events.map((e) => e.type))).toEqual([
      ['PoolCreated'],
      ['PoolMemberAdded'],
      ['PoolLeadAssigned'],
    ]);
    expect(store.appends).toBe(1);
    // The route saw the member the command before it added.
    expect(accepted(outcomes[2]).events[0].data.repId).toBe('rep-a');
  });

  it('answers a refused command with its refusal and still appends the others', async () => {
    const outcomes = await handleCommandsTogether(
      store,
      STREAM,
      poolDecider,
      [createPool, addMember('rep-a'), route('lead-1'), route('lead-1'), addMember('rep-b')],
      context,
    );
    expect(outcomes.map((o) => (isRefusal(o) ? o.code : 'accepted'))).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'LeadAlreadyRouted',
      'accepted',
    ]);
    expect((await store.readStream(STREAM)).map((e) => e.type)).toEqual([
      'PoolCreated',
      'PoolMemberAdded',
      'PoolLeadAssigned',
      'PoolMemberAdded',
    ]);
    expect(store.appends).toBe(1);
  });

  it('waits behind a round already running on the stream and then goes in one round', async () => {
    accepted(await handleCommand(store, STREAM, poolDecider, createPool, context));
    store.appends = 0;
    const running = handleCommand(store, STREAM, poolDecider, addMember('rep-a'), context);
    const together = handleCommandsTogether(store, STREAM, poolDecider, [route('lead-1'), route('lead-2')], context);
    accepted(await running);
    expect((await together).map((o) => accepted(o).events[0].data.sequence)).toEqual([1, 2]);
    expect(store.appends).toBe(2);
  });
});
