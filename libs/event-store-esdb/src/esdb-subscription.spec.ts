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

/** Lets every pending promise and stream callback run once; no clock involved. */
const drainPending = () => new Promise((resolve) => setImmediate(resolve));

/** A promise and the function that resolves it, for waiting on the handler. */
function signal(): { done: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const done = new Promise<void>((resolve) => (fire = resolve));
  return { done, fire };
}

describe('EventStoreDB subscription delivery', () => {
  it('hands events over one at a time in order, skipping `after` itself and system events', async () => {
    const { client, push } = serverFeed();
    const handled: string[] = [];
    const twoHandled = signal();
    let inHandler = 0;
    const subscription = esdbSubscription(client, { after: 5n }, async (event: StoredEvent) => {
      expect(++inHandler).toBe(1);
      await drainPending();
      handled.push(`${event.type}@${event.position}`);
      inHandler--;
      if (handled.length === 2) twoHandled.fire();
    });
    push({ position: 5n }, { position: 6n }, { position: 7n, type: '$metadata' }, { position: 8n, type: 'Later' });
    await twoHandled.done;
    await subscription.stop();
    expect(handled).toEqual(['LeadReceived@6', 'Later@8']);
  });

  it('applies the type filter on our side when the server filters by stream', async () => {
    const { client, push } = serverFeed();
    const handled: bigint[] = [];
    const oneHandled = signal();
    const filter = { eventTypes: ['Wanted'], streamPrefixes: ['t1-'] };
    const subscription = esdbSubscription(client, { filter }, (event) => {
      handled.push(event.position);
      oneHandled.fire();
    });
    push({ position: 1n, type: 'Other', streamId: 't1-a' }, { position: 2n, type: 'Wanted', streamId: 't1-a' });
    await oneHandled.done;
    await subscription.stop();
    expect(handled).toEqual([2n]);
  });

  it('stop() lets the event being handled finish, delivers nothing after it, and unsubscribes', async () => {
    const { feed, client, push } = serverFeed();
    const handled: bigint[] = [];
    const entered = signal();
    const release = signal();
    const subscription = esdbSubscription(client, {}, async (event) => {
      handled.push(event.position);
      entered.fire();
      if (event.position === 1n) await release.done;
    });
    push({ position: 1n }, { position: 2n });
    await entered.done;
    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    await drainPending();
    expect(stopped).toBe(false);
    release.fire();
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
