import type { EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEvent } from '@leadledger/event-store';
import { PassThrough } from 'node:stream';
import { esdbSubscription } from './esdb-subscription';
import { type ResolvedEventShape, resolvedEvent } from './testing/resolved-event.fixture';

/**
 * The delivery loop, fed by a stream shaped like the client's subscription: the server
 * part is covered by the contract suite where a server is reachable.
 */
function serverFeed() {
  const stream = new PassThrough({ objectMode: true });
  const feed = Object.assign(stream, { unsubscribes: 0, unsubscribe: async () => void feed.unsubscribes++ });
  // Only subscribeToAll is reached by esdbSubscription.
  const client = { subscribeToAll: () => feed } as unknown as EventStoreDBClient;
  const push = (...shapes: ResolvedEventShape[]) => shapes.forEach((shape) => feed.write(resolvedEvent(shape)));
  return { feed, client, push };
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EventStoreDB subscription delivery', () => {
  it('hands events over one at a time in order, skipping `after` itself and system events', async () => {
    const { client, push } = serverFeed();
    const handled: string[] = [];
    let inHandler = 0;
    const subscription = esdbSubscription(client, { after: 5n }, async (event: StoredEvent) => {
      expect(++inHandler).toBe(1);
      await settle(2);
      handled.push(`${event.type}@${event.position}`);
      inHandler--;
    });
    push({ position: 5n }, { position: 6n }, { position: 7n, type: '$metadata' }, { position: 8n, type: 'Later' });
    await settle();
    await subscription.stop();
    expect(handled).toEqual(['LeadReceived@6', 'Later@8']);
  });

  it('applies the type filter on our side when the server filters by stream', async () => {
    const { client, push } = serverFeed();
    const handled: bigint[] = [];
    const filter = { eventTypes: ['Wanted'], streamPrefixes: ['t1-'] };
    const subscription = esdbSubscription(client, { filter }, (event) => void handled.push(event.position));
    push({ position: 1n, type: 'Other', streamId: 't1-a' }, { position: 2n, type: 'Wanted', streamId: 't1-a' });
    await settle();
    await subscription.stop();
    expect(handled).toEqual([2n]);
  });

  it('stop() lets the event being handled finish, delivers nothing after it, and unsubscribes', async () => {
    const { feed, client, push } = serverFeed();
    const handled: bigint[] = [];
    let release!: () => void;
    const subscription = esdbSubscription(client, {}, async (event) => {
      handled.push(event.position);
      if (event.position === 1n) await new Promise<void>((resolve) => (release = resolve));
    });
    push({ position: 1n }, { position: 2n });
    await settle();
    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;
    await expect(subscription.done).resolves.toBeUndefined();
    expect(handled).toEqual([1n]);
    expect(feed.unsubscribes).toBe(1);
  });

  it('ends with the handler error, unchanged, and unsubscribes', async () => {
    const { feed, client, push } = serverFeed();
    const failure = new Error('cannot apply');
    const subscription = esdbSubscription(client, {}, (event) => {
      if (event.position === 2n) throw failure;
    });
    push({ position: 1n }, { position: 2n }, { position: 3n });
    await expect(subscription.done).rejects.toBe(failure);
    expect(feed.unsubscribes).toBe(1);
  });

  it('reports a subscription the server ended as the store being unavailable', async () => {
    const { feed, client } = serverFeed();
    const subscription = esdbSubscription(client, {}, () => undefined);
    feed.end();
    await expect(subscription.done).rejects.toThrow('EventStoreDB ended the subscription');
  });
});
