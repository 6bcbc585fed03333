import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { tempDirectory } from '@leadledger/event-store/testing';
import { type Decider, isRefusal } from '@leadledger/kernel';
import { type PoolCommand, type PoolState, poolDecider } from '@leadledger/routing';
import type { AppendOptions } from './event-store.port';
import { handleCommand } from './handle-command';
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
