import { LogReader, LogReaderDownError, type StoredEvent, turnOfEventLoop } from '@leadledger/event-store';
import { OutageStore, anEvent, manualSleep, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from '@leadledger/projections';
import { ReactorRunner } from './reactor-runner';

describe('ReactorRunner while the log cannot be read', () => {
  const dir = tempDirectory('leadledger-reactor-outage');
  afterAll(() => dir.remove());

  it('answers a wait with the error once the outage outlasts the bound, then reacts to what it missed', async () => {
    const store = new OutageStore(new SqliteEventStore({ file: dir.file('events.sqlite') }));
    const checkpoints = new ReadModelDatabase(dir.file('read.sqlite'));
    const sleeps = manualSleep();
    const handled: string[] = [];
    const reactor = {
      name: 'r',
      eventTypes: ['LeadReceived'],
      handle: async (e: StoredEvent) => void handled.push(e.streamId),
    };
    const runner = new ReactorRunner(store, checkpoints, [reactor], { boundMs: 5000, sleep: sleeps.sleep });
    const reader = new LogReader(store, { backoff: { delayMs: () => 1000 }, sleep: sleeps.sleep });
    runner.prepare();
    reader.start([runner]);

    store.down();
    const { events } = await store.appendToStream('lead-1', [anEvent('LeadReceived')], {
      expectedRevision: 'no_stream',
    });
    const waiting = runner.reached(events[0].position);
    const retry = await sleeps.next(1000);
    (await sleeps.next(5000)).wake();
    await expect(waiting).rejects.toBeInstanceOf(LogReaderDownError);
    expect(handled).toEqual([]);

    store.restore();
    retry.wake();
    for (let turn = 0; turn < 100 && reader.status().state !== 'reading'; turn++) await turnOfEventLoop();
    await runner.reached(events[0].position);
    expect(handled).toEqual(['lead-1']);

    await reader.stop();
    await runner.stop();
    checkpoints.close();
    await store.close();
  });
});
