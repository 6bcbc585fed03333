import { tempDirectory } from '@leadledger/event-store/testing';
import { loadConfig } from '@leadledger/platform';
import { ProjectionRunner } from '@leadledger/projections';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { ReadModelRecovery } from '../../apps/engine/src/platform/read-model-recovery';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type RecordedReads, pushWalkInLeads, readLeadsAndCustomers } from './support/recorded-reads';

/**
 * An engine asked to stop while it builds its read models from the log does not finish the
 * build first (on a long log, longer than an orchestrator waits): it stops at the next batch and
 * leaves them unbuilt, and the next start builds them again before it serves.
 */
describe('an engine stopped while it builds its read models', () => {
  const shared = tempDirectory('leadledger-stop-rebuilding');
  const env = { LEADLEDGER_DATA_DIR: shared.path };
  const { readModelsFile } = loadConfig(env);
  let engine: EngineHarness | null = null;
  afterAll(async () => {
    await engine?.close();
    shared.remove();
  });

  const checkpointPositions = () => {
    const db = new Database(readModelsFile, { readonly: true });
    try {
      const rows = db.prepare("SELECT position FROM projection_checkpoints WHERE name NOT LIKE 'reactor:%'").all();
      return rows.map((row) => (row as { position: number }).position);
    } finally {
      db.close();
    }
  };

  it('stops at the next batch, leaves them unbuilt, and the next start builds them before serving', async () => {
    const first = await startEngine({ env });
    const admin = `Bearer ${await first.key('admin')}`;
    const leadIds = await pushWalkInLeads(first, admin, 10);
    await first.settle();
    const before: RecordedReads = await readLeadsAndCustomers(first, admin, leadIds);
    await first.close();
    for (const end of ['', '-wal', '-shm']) rmSync(`${readModelsFile}${end}`, { force: true });

    // The build waits at its start until the stop has been asked: the stop lands in the middle of it.
    let release: () => void = () => undefined;
    const stopAsked = new Promise<void>((resolve) => (release = resolve));
    const askToStop = ReadModelRecovery.prototype.askToStop;
    const asked = jest.spyOn(ReadModelRecovery.prototype, 'askToStop').mockImplementation(function (
      this: ReadModelRecovery,
    ) {
      askToStop.call(this);
      release();
    });
    const build = ProjectionRunner.prototype.buildUnbuilt;
    const gate = jest.spyOn(ProjectionRunner.prototype, 'buildUnbuilt').mockImplementation(async function (
      this: ProjectionRunner,
      signal?: AbortSignal,
    ) {
      await stopAsked;
      return build.call(this, signal);
    });
    const stopped = await startEngine({ env });
    // Closed directly: the harness's close() waits for the read models, which this engine never builds.
    await stopped.app.close();
    rmSync(stopped.dataDir, { recursive: true, force: true });
    gate.mockRestore();
    asked.mockRestore();
    expect(checkpointPositions().length).toBeGreaterThan(0);
    expect(new Set(checkpointPositions())).toEqual(new Set([0]));

    engine = await startEngine({ env });
    await engine.app.get(ReadModelRecovery).whenRebuilt();
    expect(engine.app.get(ReadModelRecovery).state).toBe('serving');
    await engine.settle();
    expect(await readLeadsAndCustomers(engine, admin, leadIds)).toEqual(before);
  });
});
