import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { type ReadModelsClaim, ReadModelsLock, loadConfig, readModelsLockFileFor } from '@leadledger/platform';
import Database from 'better-sqlite3';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { freePort, killEngineProcess, startEngineProcess } from './support/engine-process';
import { runFromSource } from './support/run-from-source';

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one line `rebuild` answers when an engine of process `pid` holds `file`. */
const refusalBeside = (pid: number, file: string) =>
  new RegExp(
    `^rebuild refused: an engine \\(process ${pid} on host ${escaped(hostname())}, since ${ISO}\\) is using the ` +
      `read models in ${escaped(file)}; stop it, then run rebuild again\\. Nothing was changed\\.\\n$`,
  );

/** Every table's rows, and where each table starts in the file: a dropped and re-made table moves. */
function readModelsContent(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const schema = db.prepare('SELECT type, name, rootpage FROM sqlite_master ORDER BY name').raw().all();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    // Sorted here: some tables have no rowid to order by.
    const rows = (tables as string[]).map((t) =>
      db
        .prepare(`SELECT * FROM "${t}"`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    );
    return JSON.stringify({ schema, rows });
  } finally {
    db.close();
  }
}

/** Whether another connection committed to the file since this was called (SQLite's data_version). */
function watchCommits(file: string): { readonly committed: () => boolean; readonly close: () => void } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const version = () => db.pragma('data_version', { simple: true });
  const start = version();
  return { committed: () => version() !== start, close: () => db.close() };
}

/** Each file of the directory with its bytes and time of change, the lock file aside. */
function filesIn(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => !n.includes('.lock.sqlite'))) {
    const path = join(dir, name);
    files[name] = `${statSync(path).mtimeMs} ${readFileSync(path).toString('base64')}`;
  }
  return files;
}

function heldLock(claim: ReadModelsClaim): ReadModelsLock {
  if (!claim.held) throw new Error('expected the read models free to claim');
  return claim.lock;
}

const settledEngine = async (env: Record<string, string>): Promise<EngineHarness> => {
  const engine = await startEngine({ env });
  // Fixture types of no domain: the event-type-stats read model counts them.
  await engine.store.appendToStream('call-1', [anEvent('CallLogged'), anEvent('CallTransferred')], {
    expectedRevision: 'no_stream',
  });
  await engine.settle();
  return engine;
};

describe('rebuild beside a running engine', () => {
  describe('when an engine runs on the read models (in this process)', () => {
    const dir = tempDirectory('leadledger-rebuild-guard');
    const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC', LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' };
    const readModelsFile = loadConfig(env).readModelsFile;
    let engine: EngineHarness;
    beforeAll(async () => (engine = await settledEngine(env)));
    afterAll(async () => {
      await engine.close();
      dir.remove();
    });

    it('refuses, all of them or one, in one line naming the engine’s process, and changes nothing', async () => {
      const before = readModelsContent(readModelsFile);
      const commits = watchCommits(readModelsFile);
      try {
        for (const args of [['rebuild'], ['rebuild', 'event-type-stats']]) {
          const run = await cli(env, args);
          expect(run.code).toBe(1);
          expect(run.stdout).toBe('');
          expect(run.stderr).toMatch(refusalBeside(process.pid, readModelsFile));
        }
        expect(commits.committed()).toBe(false);
      } finally {
        commits.close();
      }
      expect(readModelsContent(readModelsFile)).toBe(before);
      // verify reads beside the engine by design, and still does.
      const verified = await cli(env, ['verify']);
      expect(verified.stdout).toMatch(/event-type-stats: identical at position \d+/);
      expect(verified.code).toBe(0);
    });

    it('lets a rebuild of another read-model file on the same log go ahead', async () => {
      const other = { ...env, LEADLEDGER_READ_MODELS_FILE: dir.file('other.read-models.sqlite') };
      const run = await cli(other, ['rebuild']);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/event-type-stats v.*: rebuilt up to position 2\n/);
      expect(run.code).toBe(0);
    });
  });

  describe('when the lock is held as the engine holds it, over the files of a stopped engine', () => {
    const dir = tempDirectory('leadledger-rebuild-guard-held');
    const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC', LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' };
    const readModelsFile = loadConfig(env).readModelsFile;
    beforeAll(async () => (await settledEngine(env)).close());
    afterAll(() => dir.remove());

    it('does not so much as open a file of the data directory, and rebuilds once the lock is released', async () => {
      const lock = heldLock(ReadModelsLock.claim(readModelsFile, 'engine', new Date()));
      const before = filesIn(dir.path);
      try {
        const refused = await cli(env, ['rebuild']);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(refusalBeside(process.pid, readModelsFile));
        expect(filesIn(dir.path)).toEqual(before);
      } finally {
        lock.release();
      }
      const rebuilt = await cli(env, ['rebuild']);
      expect(rebuilt.stdout).toMatch(/event-type-stats v.*: rebuilt up to position 2\n/);
      expect(rebuilt.code).toBe(0);
    });

    it('repairs a tampered read model once no engine holds it', async () => {
      const readModels = new Database(readModelsFile);
      readModels.prepare("UPDATE event_type_totals SET count = 40 WHERE type = 'CallTransferred'").run();
      readModels.close();
      expect((await cli(env, ['verify'])).code).toBe(1);
      const rebuilt = await cli(env, ['rebuild', 'event-type-stats']);
      expect(rebuilt.stdout).toMatch(/^event-type-stats v.*: rebuilt up to position 2\n$/);
      expect(rebuilt.code).toBe(0);
      expect((await cli(env, ['verify'])).code).toBe(0);
    });

    it('keeps the engine from starting while a rebuild holds the read models, in one line', async () => {
      const lock = heldLock(ReadModelsLock.claim(readModelsFile, 'rebuild', new Date()));
      try {
        const run = await runFromSource('apps/engine/src/main.ts', [], { ...env, PORT: String(await freePort()) });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(
          new RegExp(
            `^leadledger cannot start: a rebuild \\(process ${process.pid} on host ${escaped(hostname())}, since ${ISO}\\) ` +
              `is using the read models in ${escaped(readModelsFile)}\\. Start the engine once the rebuild has finished\\.\\n$`,
          ),
        );
      } finally {
        lock.release();
      }
    });
  });

  describe('when the lock file is damaged', () => {
    const dir = tempDirectory('leadledger-rebuild-guard-damaged');
    const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC', LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' };
    const lockFile = readModelsLockFileFor(loadConfig(env).readModelsFile);
    beforeAll(async () => {
      await (await settledEngine(env)).close();
      writeFileSync(lockFile, 'not a database, though named like one: '.repeat(200));
    });
    afterAll(() => dir.remove());

    const damaged = (file: string) =>
      `The read-model lock file ${file} is damaged. It holds only which process uses the read models: ` +
      `with no engine and no rebuild running on them, delete it, then start again.\n`;

    it('rebuild and the engine name it and what to do, in one line, instead of SQLite’s bare “file is not a database”', async () => {
      const rebuild = await cli(env, ['rebuild']);
      expect(rebuild.code).toBe(1);
      expect(rebuild.stderr).toBe(`rebuild refused: ${damaged(lockFile)}`);
      const start = await runFromSource('apps/engine/src/main.ts', [], { ...env, PORT: String(await freePort()) });
      expect(start.code).toBe(1);
      expect(start.stderr).toBe(damaged(lockFile));
    });
  });

  describe('when the engine runs in a process of its own, and is then killed (SIGKILL)', () => {
    const dir = tempDirectory('leadledger-rebuild-guard-killed');
    const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC' };
    const readModelsFile = loadConfig(env).readModelsFile;
    afterAll(() => dir.remove());

    it('refuses while it runs; after the kill, the row it left behind blocks nothing', async () => {
      const engine = await startEngineProcess(env, await freePort());
      try {
        const refused = await cli(env, ['rebuild']);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(refusalBeside(engine.child.pid!, readModelsFile));
      } finally {
        await killEngineProcess(engine);
      }
      // The dead engine's claim is still written in the lock file; only its file lock went with it.
      const lockFile = new Database(readModelsLockFileFor(readModelsFile), { readonly: true });
      expect(lockFile.prepare('SELECT user, pid FROM holder').get()).toEqual({ user: 'engine', pid: engine.child.pid });
      lockFile.close();

      const rebuilt = await cli(env, ['rebuild']);
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.stdout).toMatch(/event-type-stats v.*: rebuilt up to position \d+\n/);
      expect(rebuilt.code).toBe(0);
      expect((await cli(env, ['verify'])).code).toBe(0);
    });
  });
});
