import { type AppendOptions, type NewEvent, WrongExpectedRevisionError } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from '@leadledger/projections';
import { IntakesInFlight, ReactorRunner, leadIntakeReactor, processReceivedLead } from '@leadledger/workflows';
import { poolOf, receive } from './intake-fixtures';

const policy = { timeZone: 'Asia/Shanghai', defaultProtectionDays: 30, defaultProtectionWarningDays: 5 };

/** The real store, counting what was appended and which appends lost a race. */
class CountingStore extends SqliteEventStore {
  appends = 0;
  lostRaces = 0;
  override async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
    try {
      const result = await super.appendToStream(streamId, events, options);
      this.appends++;
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) this.lostRaces++;
      throw error;
    }
  }
}

describe('the lead-intake reactor beside the requests that run intakes inline', () => {
  const dir = tempDirectory('leadledger-intake-once');
  afterAll(() => dir.remove());

  it('does not run again a lead its request completed, and never races the request', async () => {
    const store = new CountingStore({ file: dir.file('events.sqlite'), pollIntervalMs: 1 });
    const checkpoints = new ReadModelDatabase(dir.file('read.sqlite'));
    await poolOf(store, 'east', ['rep-a', 'rep-b', 'rep-c']);
    const intakes = new IntakesInFlight();
    const reactors = new ReactorRunner(store, checkpoints, [leadIntakeReactor(store, policy, intakes)]);
    reactors.start();

    const leadIds = Array.from({ length: 30 }, (_, n) => `lead-${n}`);
    // What the HTTP handler does for each pushed lead: receive, then the intake inline.
    const request = (leadId: string, n: number) =>
      intakes.run(leadId, async () => {
        await receive(store, leadId, {
          channel: 'web-form',
          phone: `1380013${String(n).padStart(4, '0')}`,
          poolId: 'east',
        });
        await processReceivedLead(store, leadId, policy);
      });
    // One after another: the only race left to lose would be a request's against the reactor.
    for (const [n, leadId] of leadIds.entries()) await request(leadId, n);
    const appendsByRequests = store.appends;

    await reactors.reached(await store.headPosition());
    await reactors.stop();
    expect(reactors.status()[0]).toMatchObject({ failure: null, position: await store.headPosition() });
    expect(store.appends).toBe(appendsByRequests);
    expect(store.lostRaces).toBe(0);
    checkpoints.close();
    await store.close();
  });
});
