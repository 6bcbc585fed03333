import { disputeBoardProjection } from '@leadledger/disputes';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { tempDirectory } from '@leadledger/event-store/testing';
import { loadConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { Logger } from '@nestjs/common';
import { DisputeRemedySweep } from './dispute-remedy-sweep';
import type { DisputeReads } from './dispute-subjects';

/** Read models that reach the head only when the test says so, as on a long log still being caught up. */
function readModelsCatchingUp() {
  let reachHead: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reachHead = resolve));
  const reads = { settled: () => reached } as unknown as DisputeReads;
  return { reads, reachHead };
}

describe('the dispute remedy sweep', () => {
  const dir = tempDirectory('leadledger-remedy-sweep');
  afterAll(() => dir.remove());

  function sweepOn(name: string, reads: DisputeReads) {
    const store = new SqliteEventStore({ file: dir.file(`${name}-events.sqlite`) });
    const readModels = new ReadModelDatabase(dir.file(`${name}-read-models.sqlite`));
    disputeBoardProjection.setup(readModels.connection);
    const sweep = new DisputeRemedySweep(store, readModels, reads, loadConfig({ LEADLEDGER_DATA_DIR: dir.path }));
    return { store, readModels, sweep };
  }

  it('stopped while the read models catch up, ends without touching them, and logs no failure', async () => {
    const failed = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { reads, reachHead } = readModelsCatchingUp();
    const { store, readModels, sweep } = sweepOn('stopped', reads);
    sweep.onApplicationBootstrap();

    // The engine's shutdown: this hook, then the databases close, then the waits on them are released.
    await sweep.beforeApplicationShutdown();
    readModels.close();
    await store.close();
    reachHead();

    expect(await sweep.done).toBe(0);
    expect(failed).not.toHaveBeenCalled();
    failed.mockRestore();
  });
});
