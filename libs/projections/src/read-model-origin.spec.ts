import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from './read-model-database';
import { checkReadModelOrigin, logOrigin } from './read-model-origin';

describe('which log a read-model file was built from', () => {
  const dir = tempDirectory('leadledger-origin');
  afterAll(() => dir.remove());

  const logOf = async (name: string, events: number) => {
    const store = new SqliteEventStore({ file: dir.file(`${name}.events.sqlite`) });
    for (let n = 0; n < events; n++)
      await store.appendToStream(`lead-${name}-${n}`, [anEvent('LeadReceived')], { expectedRevision: 'any' });
    return store;
  };

  it('records the log it is first used with, and matches it afterwards as the log grows', async () => {
    const store = await logOf('grows', 3);
    const readModels = new ReadModelDatabase(dir.file('grows.read-models.sqlite'));
    readModels.saveCheckpoint('lead-board', '1', 3n);
    expect(await checkReadModelOrigin(store, readModels)).toEqual({ matches: true });
    await store.appendToStream('lead-more', [anEvent('LeadReceived')], { expectedRevision: 'any' });
    expect(await checkReadModelOrigin(store, readModels)).toEqual({ matches: true });
    readModels.close();
    await store.close();
  });

  it('does not match a file built from another log, even one whose positions are in range', async () => {
    const [first, other] = [await logOf('first', 5), await logOf('other', 9)];
    const readModels = new ReadModelDatabase(dir.file('first.read-models.sqlite'));
    readModels.saveCheckpoint('lead-board', '1', 5n);
    await checkReadModelOrigin(first, readModels);
    const check = await checkReadModelOrigin(other, readModels);
    expect(check).toEqual({ matches: false, reason: expect.stringContaining('built from another log') });
    expect(check.matches || check.reason).toContain(`this log's is ${await logOrigin(other)}`);
    readModels.close();
    await Promise.all([first.close(), other.close()]);
  });

  it("does not match a file whose checkpoints lie past the log's head, though it recorded no origin", async () => {
    const store = await logOf('short', 2);
    const readModels = new ReadModelDatabase(dir.file('long.read-models.sqlite'));
    readModels.saveCheckpoint('lead-board', '1', 40n);
    expect(await checkReadModelOrigin(store, readModels)).toEqual({
      matches: false,
      reason: "read past this log's head (position 40, head 2)",
    });
    readModels.close();
    await store.close();
  });

  it('tells the same events apart by position: an imported copy is another log', async () => {
    const store = await logOf('copied', 1);
    const [event] = await store.readAll();
    expect(await logOrigin(store)).toBe(`${event.id}@1`);
    expect(await logOrigin({ readAll: async () => [{ ...event, position: 4_096n }] })).toBe(`${event.id}@4096`);
    await store.close();
  });
});
