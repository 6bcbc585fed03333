import type { NewEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import fc from 'fast-check';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';
import { tableDigest } from './read-model-digest';
import { eventTypeStatsProjection } from './read-models/event-type-stats.projection';
import { rebuildProjection } from './rebuild';

const arbitraryEvent: fc.Arbitrary<{ stream: string; event: NewEvent }> = fc
  .record({
    stream: fc.constantFrom('lead-1', 'lead-2', 'customer-1'),
    type: fc.constantFrom('LeadReceived', 'LeadAssigned', 'CustomerClaimed'),
    occurredAt: fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2026-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
  })
  .map(({ stream, type, occurredAt }) => {
    const event = anEvent(type);
    return { stream, event: { ...event, metadata: { ...event.metadata, occurredAt: occurredAt.toISOString() } } };
  });

describe('replaying the log', () => {
  const stats = eventTypeStatsProjection('Asia/Shanghai');
  const digests = (db: ReadModelDatabase) => stats.tables.map((t) => tableDigest(db.db, t));

  it('gives byte-identical read models whether built live in pieces with restarts or rebuilt at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(arbitraryEvent, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        async (chunks) => {
          const dir = tempDirectory('leadledger-replay');
          const store = new SqliteEventStore({ file: dir.file('events.sqlite'), pollIntervalMs: 5 });
          const live = new ReadModelDatabase(dir.file('live.sqlite'));
          const rebuilt = new ReadModelDatabase(dir.file('rebuilt.sqlite'));
          try {
            // Each chunk is appended while a runner is up; the runner restarts between chunks.
            for (const chunk of chunks) {
              const runner = new ProjectionRunner(store, live, [stats], { batchSize: 3 });
              await runner.start();
              for (const { stream, event } of chunk) {
                await store.appendToStream(stream, [event], { expectedRevision: 'any' });
              }
              await runner.reached(await store.headPosition());
              await runner.stop();
            }
            await rebuildProjection(store, rebuilt, stats);
            expect(digests(live)).toEqual(digests(rebuilt));
          } finally {
            live.close();
            rebuilt.close();
            await store.close();
            dir.remove();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
