import { UnavailableError } from '@eventstore/db-client';
import { LogReader, type RetryBackoff, turnOfEventLoop } from '@leadledger/event-store';
import { RecordingConsumer, manualSleep } from '@leadledger/event-store/testing';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbServer } from './testing/fake-esdb-server';

/** Delays that say which attempt asked for them. */
const attemptBackoff: RetryBackoff = { delayMs: (attempt) => attempt * 1000 };

function engineOn(server: FakeEsdbServer, consumer = new RecordingConsumer()) {
  const sleeps = manualSleep();
  const store = new EsdbEventStore({ client: server.client });
  const reader = new LogReader(store, { backoff: attemptBackoff, sleep: sleeps.sleep });
  reader.start([consumer]);
  return { consumer, reader, sleeps, store };
}

const positions = (consumer: RecordingConsumer) => consumer.handed.map((e) => e.position);
const commitOf = (from: unknown) => (from as { commit: bigint }).commit;

describe('the log reader on EventStoreDB, when the server drops the subscription', () => {
  it('an error mid-stream: subscribes again after the last event handled; nothing missed, nothing repeated', async () => {
    const server = new FakeEsdbServer();
    const before = [server.record(), server.record(), server.record()];
    const { consumer, reader, sleeps } = engineOn(server);
    await consumer.reached(300n);

    server.dropSubscriptions(new UnavailableError());
    // Written while the engine is cut off: the next subscription must bring them.
    server.record();
    server.record();
    const retry = await sleeps.next();
    expect(retry.ms).toBe(1000);
    expect(reader.status()).toMatchObject({ state: 'retrying', attempts: 1 });
    expect(reader.status().error).toMatch(/unavailable/i);
    retry.wake();
    await consumer.reached(500n);

    expect(server.subscriptions.map((s) => s.from)).toEqual(['start', { commit: 300n, prepare: 300n }]);
    expect(positions(consumer)).toEqual([100n, 200n, 300n, 400n, 500n]);
    expect(before.every((e, i) => consumer.handed[i].id === e.event?.id)).toBe(true);
    expect(reader.status()).toMatchObject({ state: 'reading', error: null, attempts: 0 });
    await reader.stop();
  });

  it('a subscription the server ended cleanly resumes the same way', async () => {
    const server = new FakeEsdbServer();
    server.record();
    server.record();
    const { consumer, reader, sleeps } = engineOn(server);
    await consumer.reached(200n);

    server.dropSubscriptions();
    server.record();
    (await sleeps.next()).wake();
    await consumer.reached(300n);
    server.record();
    await consumer.reached(400n);

    expect(commitOf(server.subscriptions[1].from)).toBe(200n);
    expect(positions(consumer)).toEqual([100n, 200n, 300n, 400n]);
    await reader.stop();
  });

  it('retries with growing delays while the server refuses, tells its consumers, and reads again once confirmed', async () => {
    const server = new FakeEsdbServer();
    server.record();
    const { consumer, reader, sleeps } = engineOn(server);
    await consumer.reached(100n);

    server.refuseNextSubscriptions(new UnavailableError(), new UnavailableError());
    server.dropSubscriptions(new UnavailableError());
    for (let attempt = 1; attempt <= 3; attempt++) (await sleeps.next()).wake();
    // Confirmed with nothing new to send: reading again all the same.
    for (let turn = 0; turn < 5 && reader.status().state !== 'reading'; turn++) await turnOfEventLoop();

    expect(sleeps.requested).toEqual([1000, 2000, 3000]);
    expect(reader.status()).toMatchObject({ state: 'reading', attempts: 0 });
    expect(consumer.interruptions.map((i) => i && i.attempts)).toEqual([1, 2, 3, null]);
    expect(consumer.interruptions.slice(0, 3).every((i) => i?.final === false)).toBe(true);
    server.record();
    await consumer.reached(200n);
    expect(positions(consumer)).toEqual([100n, 200n]);
    await reader.stop();
  });

  it('stop() during a retry wait ends at once and subscribes no more', async () => {
    const server = new FakeEsdbServer();
    const { reader, sleeps } = engineOn(server);
    await turnOfEventLoop();
    server.dropSubscriptions(new UnavailableError());
    await sleeps.next();
    await reader.stop();
    expect(reader.status().state).toBe('stopped');
    expect(server.subscriptions).toHaveLength(1);
  });

  it('a consumer that throws stops the reader for good: the store is not to blame, a retry would repeat it', async () => {
    const server = new FakeEsdbServer();
    server.record();
    const failures: Array<number | null> = [];
    const sleeps = manualSleep();
    const reader = new LogReader(new EsdbEventStore({ client: server.client }), {
      sleep: sleeps.sleep,
      onFailure: (_, retryInMs) => failures.push(retryInMs),
    });
    const broken = new RecordingConsumer();
    broken.handle = () => {
      throw new Error('cannot apply');
    };
    reader.start([broken]);
    for (let turn = 0; turn < 10 && reader.status().state !== 'failed'; turn++) await turnOfEventLoop();

    expect(reader.status()).toMatchObject({ state: 'failed', error: 'cannot apply' });
    expect(failures).toEqual([null]);
    expect(broken.interruptions).toEqual([expect.objectContaining({ final: true })]);
    await reader.stop();
    expect(sleeps.requested).toEqual([]);
  });
});
