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
});
