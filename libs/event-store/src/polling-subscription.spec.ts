import { pollingSubscription } from './polling-subscription';
import type { StoredEvent } from './stored-event';
import { anEvent } from './testing/contract-fixtures';

const eventAt = (position: bigint): StoredEvent => {
  const event = anEvent('Noted');
  return {
    ...event,
    metadata: { ...event.metadata, recordedAt: '2026-11-30T00:00:00.000Z' },
    id: `e-${position}`,
    streamId: 's-1',
    revision: position - 1n,
    position,
  };
};

describe('a polling subscription', () => {
  it('tells the store how many reads in a row found nothing, so a quiet log is looked at less often', async () => {
    // The log gains an event on the 4th and the 5th read, and on none of the others.
    const newEventOnRead = new Set([4, 5]);
    let reads = 0;
    let head = 0n;
    const waits: number[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const subscription = pollingSubscription(
      {
        readAll: async ({ after }) => {
          reads++;
          if (newEventOnRead.has(reads)) head++;
          return head > (after ?? 0n) ? [eventAt(head)] : [];
        },
        waitForAppend: async (_signal, emptyReads) => {
          waits.push(emptyReads);
          if (waits.length === 8) finish();
        },
      },
      {},
      () => undefined,
    );
    await finished;
    await subscription.stop();
    expect(waits.slice(0, 8)).toEqual([1, 2, 3, 0, 0, 1, 2, 3]);
  });

  it('lets timers and I/O run between the batches of a catch-up, whose reads all complete at once', async () => {
    const log = Array.from({ length: 10 }, (_, i) => eventAt(BigInt(i + 1)));
    const handled: bigint[] = [];
    let caughtUp!: () => void;
    const allHandled = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = pollingSubscription(
      {
        readAll: async ({ after = 0n, maxCount = 500 }) => log.filter((e) => e.position > after).slice(0, maxCount),
        waitForAppend: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
      },
      { batchSize: 2 },
      (event) => {
        handled.push(event.position);
        if (handled.length === log.length) caughtUp();
      },
    );
    // Queued before the catch-up's first read has answered: runs at the event loop's next turn.
    const handledAtNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(handled.length)));
    await allHandled;
    await subscription.stop();
    expect(handledAtNextTurn).toBeLessThan(log.length);
    expect(handled).toEqual(log.map((e) => e.position));
  });
});
