import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { events, tempDirectory } from '@leadledger/event-store/testing';
import { lagOf } from './log-consumer-lag';

describe('the lag of a projection or reactor behind the log', () => {
  const dir = tempDirectory('leadledger-lag');
  afterAll(() => dir.remove());

  it('counts the events not applied, and the seconds since the oldest of them was recorded', async () => {
    let now = Date.parse('2026-11-30T08:00:00.000Z');
    const store = new SqliteEventStore({ file: dir.file('events.sqlite'), clock: { now: () => new Date(now) } });
    try {
      await store.appendToStream('s-1', events(1), { expectedRevision: 'no_stream' });
      now += 90_000;
      await store.appendToStream('s-1', events(2), { expectedRevision: 0n });

      const lags = await lagOf(
        store,
        [
          { kind: 'projection', name: 'behind-one', position: 1n },
          { kind: 'reactor', name: 'behind-all', position: 0n },
          { kind: 'projection', name: 'caught-up', position: 3n },
        ],
        Date.parse('2026-11-30T08:02:00.000Z'),
      );
      expect(lags).toEqual([
        { kind: 'projection', name: 'behind-one', events: 2, seconds: 30 },
        { kind: 'reactor', name: 'behind-all', events: 3, seconds: 120 },
        { kind: 'projection', name: 'caught-up', events: 0, seconds: 0 },
      ]);
    } finally {
      await store.close();
    }
  });
});
