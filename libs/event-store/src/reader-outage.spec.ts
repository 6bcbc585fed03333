import { LogReaderDownError } from './event-store.errors';
import { ReaderOutage } from './reader-outage';
import { manualSleep } from './testing/manual-sleep';
import { turnOfEventLoop } from './turn-of-event-loop';

const storeDown = { error: new Error('connection refused'), final: false, attempts: 1 };
const never = () => new Promise<void>(() => undefined);

/** Whether the promise has settled, and how, after the pending callbacks ran. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  let seen = 'pending';
  promise.then(
    () => (seen = 'resolved'),
    (error: Error) => (seen = `${error.name}: ${error.message}`),
  );
  await turnOfEventLoop();
  return seen;
}

describe('waiting on a log reader that is down', () => {
  it('waits out an outage shorter than the bound', async () => {
    const sleeps = manualSleep();
    const outage = new ReaderOutage({ boundMs: 5000, sleep: sleeps.sleep });
    let reached!: () => void;
    const waiting = outage.within(new Promise<void>((resolve) => (reached = resolve)));
    outage.interrupted(storeDown);
    outage.resumed();
    (await sleeps.next(5000)).wake();
    reached();
    expect(await outcome(waiting)).toBe('resolved');
  });

  it('answers every waiter with the error once the outage outlasts the bound, and new ones at once', async () => {
    const sleeps = manualSleep();
    const outage = new ReaderOutage({ boundMs: 5000, sleep: sleeps.sleep });
    const waiting = outage.within(never());
    outage.interrupted(storeDown);
    outage.interrupted({ ...storeDown, attempts: 2 });
    expect(await outcome(waiting)).toBe('pending');
    // One bound for the whole outage, not one per failed retry.
    expect(sleeps.requested).toEqual([5000]);
    (await sleeps.next()).wake();

    const expected = 'LogReaderDownError: The engine is not reading the event log: connection refused';
    expect(await outcome(waiting)).toBe(expected);
    expect(await outcome(outage.within(never()))).toBe(expected);
    await expect(outage.within(never())).rejects.toBeInstanceOf(LogReaderDownError);

    outage.resumed();
    expect(await outcome(outage.within(Promise.resolve()))).toBe('resolved');
  });

  it('answers at once when reading stopped for good', async () => {
    const outage = new ReaderOutage({ sleep: manualSleep().sleep });
    const waiting = outage.within(never());
    outage.interrupted({ error: new Error('cannot apply'), final: true, attempts: 0 });
    expect(await outcome(waiting)).toMatch(/LogReaderDownError: .*cannot apply/);
  });
});
