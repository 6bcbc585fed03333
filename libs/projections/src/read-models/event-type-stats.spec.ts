import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from '../read-model-database';
import { rebuildProjection } from '../rebuild';
import { digestsOneByOneAndBatched } from '../testing';
import { eventTypeStatsProjection } from './event-type-stats.projection';
import { queryEventTypeStats } from './event-type-stats.query';

const at = (type: string, occurredAt: string) => {
  const event = anEvent(type);
  return { ...event, metadata: { ...event.metadata, occurredAt } };
};

describe('event-type statistics', () => {
  const dir = tempDirectory('leadledger-stats');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;

  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    await store.appendToStream(
      'lead-1',
      [
        at('LeadReceived', '2026-11-01T15:59:00.000Z'), // 23:59 in Shanghai, Nov 1
        at('LeadReceived', '2026-11-01T16:01:00.000Z'), // 00:01 in Shanghai, Nov 2
        at('LeadAssigned', '2026-11-01T16:05:00.000Z'),
      ],
      { expectedRevision: 'no_stream' },
    );
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('counts per type and per business day in the configured time zone', async () => {
    await rebuildProjection(store, readModels, eventTypeStatsProjection('Asia/Shanghai'));
    expect(queryEventTypeStats(readModels.db)).toEqual({
      totalEvents: 3,
      byType: [
        {
          type: 'LeadAssigned',
          count: 1,
          firstOccurredAt: '2026-11-01T16:05:00.000Z',
          lastOccurredAt: '2026-11-01T16:05:00.000Z',
        },
        {
          type: 'LeadReceived',
          count: 2,
          firstOccurredAt: '2026-11-01T15:59:00.000Z',
          lastOccurredAt: '2026-11-01T16:01:00.000Z',
        },
      ],
      byDay: [
        { day: '2026-11-01', type: 'LeadReceived', count: 1 },
        { day: '2026-11-02', type: 'LeadAssigned', count: 1 },
        { day: '2026-11-02', type: 'LeadReceived', count: 1 },
      ],
    });
  });

  it('puts the same events on other days in another time zone, under another version', async () => {
    const utc = eventTypeStatsProjection('UTC');
    expect(utc.version).not.toBe(eventTypeStatsProjection('Asia/Shanghai').version);
    await rebuildProjection(store, readModels, utc);
    expect(queryEventTypeStats(readModels.db).byDay).toEqual([
      { day: '2026-11-01', type: 'LeadAssigned', count: 1 },
      { day: '2026-11-01', type: 'LeadReceived', count: 2 },
    ]);
  });

  it('limits the daily counts to the requested days', async () => {
    await rebuildProjection(store, readModels, eventTypeStatsProjection('Asia/Shanghai'));
    const stats = queryEventTypeStats(readModels.db, { from: '2026-11-02', to: '2026-11-02' });
    expect(stats.byDay.map((d) => d.day)).toEqual(['2026-11-02', '2026-11-02']);
    expect(stats.totalEvents).toBe(3);
  });

  it('is the same applied one event at a time as in batches', async () => {
    await store.appendToStream('lead-2', [at('LeadAssigned', '2026-10-30T01:00:00.000Z')], {
      expectedRevision: 'no_stream',
    });
    const projection = eventTypeStatsProjection('Asia/Shanghai');
    const digests = await digestsOneByOneAndBatched(store, projection, (name) => dir.file(name));
    expect(digests.batched).toEqual(digests.oneByOne);
    expect(digests.oneByOne.map((d) => d.rows)).toEqual([2, 4]);
  });
});
