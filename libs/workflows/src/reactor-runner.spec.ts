import { type StoredEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from '@leadledger/projections';
import { ReactorRunner } from './reactor-runner';

describe('ReactorRunner', () => {
  const dir = tempDirectory('leadledger-reactors');
  afterAll(() => dir.remove());

  it('reacts to each event of its types once, and resumes after a restart from its checkpoint', async () => {
    const store = new SqliteEventStore({ file: dir.file('events.sqlite'), pollIntervalMs: 5 });
    const checkpoints = new ReadModelDatabase(dir.file('read.sqlite'));
    const handled: string[] = [];
    const reactor = {
      name: 'counter',
      eventTypes: ['LeadReceived'],
      handle: async (e: StoredEvent) => void handled.push(e.streamId),
    };
    await store.appendToStream('lead-1', [anEvent('LeadReceived'), anEvent('LeadAssigned')], {
      expectedRevision: 'no_stream',
    });

    const first = new ReactorRunner(store, checkpoints, [reactor]);
    first.start();
    await first.reached(await store.headPosition());
    await first.stop();
    const { events } = await store.appendToStream('lead-2', [anEvent('LeadReceived')], {
      expectedRevision: 'no_stream',
    });

    const second = new ReactorRunner(store, checkpoints, [reactor]);
    second.start();
    await second.reached(events[0].position);
    await second.stop();
    expect(handled).toEqual(['lead-1', 'lead-2']);
    expect(checkpoints.checkpoint('reactor:counter')?.position).toBe(events[0].position);
    checkpoints.close();
    await store.close();
  });

  it('moves its checkpoint past events of other types, so a restart does not read them again', async () => {
    const store = new SqliteEventStore({ file: dir.file('events-3.sqlite'), pollIntervalMs: 5 });
    const checkpoints = new ReadModelDatabase(dir.file('read-3.sqlite'));
    const handled: string[] = [];
    const reactor = {
      name: 'receiver',
      eventTypes: ['LeadReceived'],
      handle: async (e: StoredEvent) => void handled.push(e.type),
    };
    await store.appendToStream('lead-1', [anEvent('LeadReceived')], { expectedRevision: 'no_stream' });
    const { events } = await store.appendToStream('lead-1', [anEvent('LeadAssigned'), anEvent('LeadAccepted')], {
      expectedRevision: 0n,
    });
    const runner = new ReactorRunner(store, checkpoints, [reactor]);
    runner.start();
    await runner.reached(events[1].position);
    await runner.stop();
    expect(handled).toEqual(['LeadReceived']);
    expect(checkpoints.checkpoint('reactor:receiver')?.position).toBe(events[1].position);
    checkpoints.close();
    await store.close();
  });

  it('stores its position after each reaction, and after passing over other types only now and then or when stopped', async () => {
    const store = new SqliteEventStore({ file: dir.file('events-4.sqlite'), pollIntervalMs: 5 });
    const checkpoints = new ReadModelDatabase(dir.file('read-4.sqlite'));
    const reactor = { name: 'receiver', eventTypes: ['LeadReceived'], handle: async () => undefined };
    const received = await store.appendToStream('lead-1', [anEvent('LeadReceived')], { expectedRevision: 'no_stream' });
    const others = await store.appendToStream('lead-1', [anEvent('LeadAssigned'), anEvent('LeadAccepted')], {
      expectedRevision: 0n,
    });
    const runner = new ReactorRunner(store, checkpoints, [reactor]);
    runner.start();
    const head = others.events[1].position;
    await runner.reached(head);
    expect(runner.status()[0].position).toBe(head);
    expect(checkpoints.checkpoint('reactor:receiver')?.position).toBe(received.events[0].position);
    await runner.stop();
    expect(checkpoints.checkpoint('reactor:receiver')?.position).toBe(head);
    checkpoints.close();
    await store.close();
  });

  it('stops at an event it cannot handle and records it', async () => {
    const store = new SqliteEventStore({ file: dir.file('events-2.sqlite'), pollIntervalMs: 5 });
    const checkpoints = new ReadModelDatabase(dir.file('read-2.sqlite'));
    const { events } = await store.appendToStream('lead-1', [anEvent('LeadReceived')], {
      expectedRevision: 'no_stream',
    });
    const runner = new ReactorRunner(store, checkpoints, [
      { name: 'broken', eventTypes: ['LeadReceived'], handle: async () => Promise.reject(new Error('store down')) },
    ]);
    runner.start();
    await runner.reached(events[0].position);
    expect(runner.status()).toEqual([
      {
        name: 'broken',
        state: 'failed',
        position: 0n,
        failure: { eventId: events[0].id, position: events[0].position, error: 'Error: store down' },
      },
    ]);
    await runner.stop();
    checkpoints.close();
    await store.close();
  });
});
