import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { events, tempDirectory } from '@leadledger/event-store/testing';
import { runFromSource } from './support/run-from-source';

describe('leadledger export | head', () => {
  const dir = tempDirectory('leadledger-export-pipe');
  afterAll(() => dir.remove());

  it('ends quietly with exit code 0 when the reader closes the pipe early', async () => {
    const store = new SqliteEventStore({ file: dir.file('data/events.sqlite') });
    for (let batch = 0; batch < 20; batch++) {
      await store.appendToStream(`stream-${batch}`, events(1000), { expectedRevision: 'no_stream' });
    }
    await store.close();

    const run = await runFromSource(
      'apps/cli/src/main.ts',
      ['export'],
      { LEADLEDGER_DATA_DIR: dir.file('data') },
      {
        readFirstChunkOnly: true,
      },
    );
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
