import { tempDirectory } from '@leadledger/event-store/testing';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/*
 * A read-model file kept while the log beside it is replaced (another store, a restored or
 * imported log): its checkpoints are positions in the old log. The engine sets it aside and
 * rebuilds from the log it now has, instead of reading on from those positions.
 */
describe('read models from another log', () => {
  const shared = tempDirectory('leadledger-other-log');
  const readModelsFile = join(shared.path, 'read-models.sqlite');
  let engine: EngineHarness | null = null;
  afterAll(async () => {
    await engine?.close();
    shared.remove();
  });

  it('are set aside and rebuilt from the log the engine now has, never read on', async () => {
    const first = await startEngine({ env: { LEADLEDGER_READ_MODELS_FILE: readModelsFile } });
    const admin = `Bearer ${await first.key('admin')}`;
    await registerReps(first, admin, ['rep-a', 'rep-b']);
    await first.settle();
    await first.close();

    // The same read-model file beside a new, empty log.
    engine = await startEngine({ env: { LEADLEDGER_READ_MODELS_FILE: readModelsFile } });
    const key = `Bearer ${await engine.key('admin')}`;
    await registerReps(engine, key, ['rep-z']);
    await engine.settle();
    const { body } = await engine.http().get('/reps').set('Authorization', key).expect(200);
    expect(body.map((r: { repId: string }) => r.repId)).toEqual(['rep-z']);
    expect(readdirSync(shared.path).filter((f) => f.startsWith('read-models.sqlite.other-log-'))).toHaveLength(1);
  });
});
