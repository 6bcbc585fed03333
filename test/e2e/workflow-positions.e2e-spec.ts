import { tempDirectory } from '@leadledger/event-store/testing';
import { loadConfig, workflowCheckpointsFileFor } from '@leadledger/platform';
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { ReadModelRecovery } from '../../apps/engine/src/platform/read-model-recovery';
import { ReactorLane } from '../../libs/workflows/src/reactor-lane';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { pushWalkInLeads, registerReceivers } from './support/recorded-reads';

/**
 * The workflows' positions live in a file of their own: a read-model file deleted (or set aside
 * as damaged) costs a rebuild of the read models, not every workflow going over the whole log
 * again, which grows with the log.
 */
describe("the workflows' positions", () => {
  const shared = tempDirectory('leadledger-workflow-positions');
  const env = { LEADLEDGER_DATA_DIR: shared.path };
  const { readModelsFile } = loadConfig(env);
  const workflowsFile = workflowCheckpointsFileFor(readModelsFile);
  let head: bigint;
  let engine: EngineHarness | null = null;

  beforeAll(async () => {
    const first = await startEngine({ env });
    const admin = `Bearer ${await first.key('admin')}`;
    await registerReceivers(first, admin);
    await pushWalkInLeads(first, admin, 20);
    await first.settle();
    head = await first.store.headPosition();
    await first.close();
  });
  afterEach(async () => {
    await engine?.close();
    engine = null;
  });
  afterAll(() => shared.remove());

  /** Starts an engine on the shared data and answers where each workflow stood when it was loaded. */
  async function startRecordingWorkflowPositions(): Promise<bigint[]> {
    const loaded: bigint[] = [];
    const prepare = ReactorLane.prototype.prepare;
    const spy = jest.spyOn(ReactorLane.prototype, 'prepare').mockImplementation(function (this: ReactorLane) {
      prepare.call(this);
      loaded.push(this.position);
    });
    try {
      engine = await startEngine({ env });
      await engine.app.get(ReadModelRecovery).whenRebuilt();
    } finally {
      spy.mockRestore();
    }
    return loaded;
  }

  const deleteFile = (file: string) => ['', '-wal', '-shm'].forEach((end) => rmSync(`${file}${end}`, { force: true }));
  const reactorRows = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare("SELECT name FROM projection_checkpoints WHERE name LIKE 'reactor:%'").all().length;
    } finally {
      db.close();
    }
  };

  it('outlive a deleted read-model file: each workflow goes on from where it was, not from the first event', async () => {
    deleteFile(readModelsFile);
    const loaded = await startRecordingWorkflowPositions();
    expect(loaded).toHaveLength(4);
    for (const position of loaded) expect(position).toBe(head);
  });

  it('are taken over from the read-model file where a release before this one kept them', async () => {
    // The layout of that release: the reactors' rows in the read-model file, no file of their own.
    const own = new Database(workflowsFile);
    const rows = own.prepare("SELECT * FROM projection_checkpoints WHERE name LIKE 'reactor:%'").all();
    own.close();
    deleteFile(workflowsFile);
    const readModels = new Database(readModelsFile);
    const insert = readModels.prepare(
      `INSERT INTO projection_checkpoints (name, version, position, failed_event_id, failed_position, error)
       VALUES (@name, @version, @position, @failed_event_id, @failed_position, @error)`,
    );
    for (const row of rows) insert.run(row);
    readModels.close();
    expect(reactorRows(readModelsFile)).toBe(4);

    const loaded = await startRecordingWorkflowPositions();
    for (const position of loaded) expect(position).toBe(head);
    expect(loaded).toHaveLength(4);
    expect(existsSync(workflowsFile)).toBe(true);
    expect(reactorRows(workflowsFile)).toBe(4);
    expect(reactorRows(readModelsFile)).toBe(0);
  });
});
