import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from '@leadledger/projections';
import { carryOverReactorCheckpoints, forgetCheckpointsOfAnotherLog } from './workflow-checkpoints';

describe("the workflows' checkpoint file", () => {
  const dir = tempDirectory('leadledger-workflow-checkpoints');
  afterAll(() => dir.remove());

  async function logOf(name: string, events: number) {
    const store = new SqliteEventStore({ file: dir.file(`${name}-events.sqlite`) });
    for (let i = 0; i < events; i++) {
      await store.appendToStream(`call-${i}`, [anEvent('CallLogged')], { expectedRevision: 'no_stream' });
    }
    return store;
  }

  it('keeps positions in this log, and forgets those of another log or past its head', async () => {
    const log = await logOf('this', 3);
    const other = await logOf('other', 3);
    const kept = new ReadModelDatabase(dir.file('kept.sqlite'));
    kept.saveCheckpoint('reactor:lead-intake', '1', 2n);
    expect(await forgetCheckpointsOfAnotherLog(log, kept)).toBeNull();
    expect(kept.checkpoint('reactor:lead-intake')?.position).toBe(2n);

    // Recorded against another store's log: its first event is another event.
    expect(await forgetCheckpointsOfAnotherLog(other, kept)).toMatch(/^built from another log \(first event /);
    expect(kept.checkpoint('reactor:lead-intake')).toBeNull();
    // From then on it belongs to the log it was checked against.
    expect(await forgetCheckpointsOfAnotherLog(other, kept)).toBeNull();

    // Past the head: beside a log restored from an older backup.
    const ahead = new ReadModelDatabase(dir.file('ahead.sqlite'));
    expect(await forgetCheckpointsOfAnotherLog(log, ahead)).toBeNull();
    ahead.saveCheckpoint('reactor:hand-over', '1', 9n);
    expect(await forgetCheckpointsOfAnotherLog(log, ahead)).toBe("read past this log's head (position 9, head 3)");
    expect(ahead.checkpoint('reactor:hand-over')).toBeNull();
    for (const db of [kept, ahead]) db.close();
    await Promise.all([log.close(), other.close()]);
  });

  it("takes the reactors' rows over from the read-model file, keeping a position it already has", () => {
    const readModels = new ReadModelDatabase(dir.file('read-models.sqlite'));
    const checkpoints = new ReadModelDatabase(dir.file('read-models.workflows.sqlite'));
    readModels.saveCheckpoint('lead-board', '3', 40n);
    readModels.saveCheckpoint('reactor:lead-intake', '1', 40n);
    readModels.saveCheckpoint('reactor:hand-over', '1', 38n);
    readModels.recordFailure('reactor:hand-over', { eventId: 'e-39', position: 39n, error: 'refused' });
    checkpoints.saveCheckpoint('reactor:lead-intake', '1', 41n);

    expect(carryOverReactorCheckpoints(readModels, checkpoints)).toEqual(['hand-over']);
    expect(checkpoints.checkpoint('reactor:lead-intake')?.position).toBe(41n);
    expect(checkpoints.checkpoint('reactor:hand-over')).toEqual({
      name: 'reactor:hand-over',
      version: '1',
      position: 38n,
      failure: { eventId: 'e-39', position: 39n, error: 'refused' },
    });
    expect(readModels.checkpoint('reactor:lead-intake')).toBeNull();
    expect(readModels.checkpoint('reactor:hand-over')).toBeNull();
    expect(readModels.checkpoint('lead-board')?.position).toBe(40n);
    expect(carryOverReactorCheckpoints(readModels, checkpoints)).toEqual([]);
    readModels.close();
    checkpoints.close();
  });
});
