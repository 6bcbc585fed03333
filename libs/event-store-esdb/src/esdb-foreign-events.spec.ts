import { LogReader } from '@leadledger/event-store';
import { RecordingConsumer } from '@leadledger/event-store/testing';
import { exportLog } from '@leadledger/platform';
import { EsdbEventStore } from './esdb-event-store';
import { foreignReason } from './esdb-foreign-events';
import { type FakeEsdbServer as Server, FakeEsdbServer } from './testing/fake-esdb-server';
import { type ResolvedEventShape, resolvedEvent } from './testing/resolved-event.fixture';

/** What a server shared with the server itself and other applications holds besides our events. */
const FOREIGN: ReadonlyArray<[string, ResolvedEventShape, string]> = [
  ['stream metadata', { streamId: '$$lead-1', type: '$metadata' }, 'in a system stream'],
  [
    'a $by_category link',
    { streamId: '$ce-lead', type: '$>', data: new TextEncoder().encode('0@lead-1') },
    'in a system stream',
  ],
  ['server statistics', { streamId: 'stats', type: '$statsCollected' }, 'a system event'],
  ['a user projection result', { streamId: '$projections-orders-result', type: 'Result' }, 'in a system stream'],
  [
    'another application’s protobuf',
    { streamId: 'telemetry-7', type: 'Sampled', data: new Uint8Array([8, 1]) },
    'its data is not a JSON object',
  ],
  [
    'another application’s JSON',
    { streamId: 'order-42', type: 'OrderPlaced', data: { orderId: 42 }, metadata: { $correlationId: 'c' } },
    'not in the engine envelope',
  ],
  [
    'JSON without metadata',
    { streamId: 'order-43', type: 'OrderPlaced', data: { orderId: 43 }, metadata: new Uint8Array() },
    'its metadata is not a JSON object',
  ],
];

describe('events this engine did not write', () => {
  it.each(FOREIGN)('%s is foreign (%#)', (_, shape, reason) => {
    expect(foreignReason(resolvedEvent(shape).event!)).toBe(reason);
  });

  it('an event the engine wrote is not, whatever its type', () => {
    expect(foreignReason(resolvedEvent({ type: 'AnyTypeAddedLater' }).event!)).toBeNull();
  });
});

describe('a shared server: every reader skips foreign events', () => {
  /** Ours at 100, 400 and 1000 (lead-1 revisions 0..2), foreign events around them, one foreign event last. */
  function sharedLog(): Server {
    const server = new FakeEsdbServer();
    server.record({ streamId: 'lead-1', revision: 0n });
    server.record(FOREIGN[0][1]);
    server.record(FOREIGN[4][1]);
    server.record({ streamId: 'lead-1', revision: 1n, type: 'LeadAssigned' });
    server.record(FOREIGN[1][1]);
    server.record(FOREIGN[2][1]);
    server.record(FOREIGN[3][1]);
    // Another application writing into one of our streams.
    server.record({ ...FOREIGN[5][1], streamId: 'lead-1', revision: 2n });
    server.record(FOREIGN[6][1]);
    server.record({ streamId: 'sale-1', revision: 0n, type: 'SaleRecorded' });
    server.record(FOREIGN[5][1]);
    return server;
  }

  it('reads of $all, paged or filtered, and of one stream', async () => {
    const store = new EsdbEventStore({ client: sharedLog().client });
    expect((await store.readAll()).map((e) => e.position)).toEqual([100n, 400n, 1000n]);
    expect((await store.readAll({ after: 100n, maxCount: 1 })).map((e) => e.position)).toEqual([400n]);
    expect((await store.readAll({ filter: { streamPrefixes: ['lead-'] } })).map((e) => e.type)).toEqual([
      'LeadReceived',
      'LeadAssigned',
    ]);
    expect((await store.readStream('lead-1')).map((e) => e.revision)).toEqual([0n, 1n]);
  });

  it('the head is the last event a reader can reach, not a foreign one after it', async () => {
    const store = new EsdbEventStore({ client: sharedLog().client });
    expect(await store.headPosition()).toBe(1000n);
  });

  it('the log reader hands the consumers ours only, and reaches the head', async () => {
    const store = new EsdbEventStore({ client: sharedLog().client });
    const consumer = new RecordingConsumer();
    const reader = new LogReader(store);
    reader.start([consumer]);
    await consumer.reached(await store.headPosition());
    expect(consumer.handed.map((e) => e.position)).toEqual([100n, 400n, 1000n]);
    expect(reader.status().state).toBe('reading');
    await reader.stop();
  });

  it('export writes ours only', async () => {
    const lines: string[] = [];
    const count = await exportLog(new EsdbEventStore({ client: sharedLog().client }), (line) => void lines.push(line));
    expect(count).toBe(3);
    expect(lines.map((line) => JSON.parse(line).streamId)).toEqual(['lead-1', 'lead-1', 'sale-1']);
  });
});
