import { tempDirectory } from '@leadledger/event-store/testing';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/*
 * A release that changes a read model (a new version of it) finds the old one in the file: the
 * engine builds it again from the log at start, in one pass, and answers 503 until it is done,
 * rather than serve it half built.
 */
describe('a read model a release changed', () => {
  const shared = tempDirectory('leadledger-stale-read-model');
  const env = {
    LEADLEDGER_EVENTS_FILE: join(shared.path, 'events.sqlite'),
    LEADLEDGER_READ_MODELS_FILE: join(shared.path, 'read-models.sqlite'),
  };
  let engine: EngineHarness | null = null;
  afterAll(async () => {
    await engine?.close();
    shared.remove();
  });

  it('is built again from the log before it is served, and the log says which', async () => {
    const first = await startEngine({ env });
    await registerReps(first, `Bearer ${await first.key('admin')}`, ['rep-a', 'rep-b']);
    await first.settle();
    await first.close();
    // As a file left by a release whose rep directory had another version (and other rows).
    const file = new Database(env.LEADLEDGER_READ_MODELS_FILE);
    file.prepare("UPDATE projection_checkpoints SET version = 'old' WHERE name = 'rep-directory'").run();
    file.prepare('DELETE FROM rep_directory').run();
    file.close();

    // Nest's Logger is process-wide and the first engine of this file claimed it: listen on it directly.
    const warned = jest.spyOn(Logger.prototype, 'warn');
    engine = await startEngine({ env });
    const key = `Bearer ${await engine.key('admin')}`;
    let reps = await engine.http().get('/reps').set('Authorization', key);
    for (let attempt = 0; reps.status === 503 && attempt < 500; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      reps = await engine.http().get('/reps').set('Authorization', key);
    }
    expect(reps.status).toBe(200);
    expect(reps.body.map((r: { repId: string }) => r.repId).sort()).toEqual(['rep-a', 'rep-b']);
    expect(warned).toHaveBeenCalledWith('Building rep-directory from the log; requests answer 503 until it is done.');
    warned.mockRestore();
  });
});
