import { tempDirectory } from '@leadledger/event-store/testing';
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type ReadModelsClaim, ReadModelsLock, describeHolder, readModelsLockFileFor } from './read-models-lock';

const since = new Date('2026-11-30T01:40:00.000Z');

function heldLock(claim: ReadModelsClaim): ReadModelsLock {
  if (!claim.held) throw new Error(`expected the claim to be held, refused by ${describeHolder(claim.holder)}`);
  return claim.lock;
}

/**
 * Claims `readModelsFile` in a process of its own: refused, it exits; held, it keeps the lock
 * until killed, so a test can kill it with SIGKILL.
 */
function claimInAnotherProcess(readModelsFile: string): Promise<{ outcome: string; child: ChildProcess }> {
  const script =
    `const { ReadModelsLock } = require('./libs/platform/src/read-models-lock');` +
    `const claim = ReadModelsLock.claim(${JSON.stringify(readModelsFile)}, 'engine', new Date());` +
    `process.stdout.write(claim.held ? 'held' : 'refused');` +
    `if (claim.held) setInterval(() => undefined, 1000); else process.exit(0);`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', '-e', script], {
    cwd: join(__dirname, '..', '..', '..'),
    env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: 'tsconfig.json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve({ outcome: chunk.toString(), child }));
    child.once('error', reject);
  });
}

async function killNine(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

describe('ReadModelsLock', () => {
  const dir = tempDirectory('leadledger-read-models-lock');
  afterAll(() => dir.remove());
  let n = 0;
  const aReadModelsFile = () => dir.file(`read-models-${++n}.sqlite`);

  it('is kept in a file beside the read models, named after them', () => {
    expect(readModelsLockFileFor('/data/read-models.sqlite')).toBe('/data/read-models.lock.sqlite');
    expect(readModelsLockFileFor('/data/b.read-models.sqlite')).toBe('/data/b.read-models.lock.sqlite');
  });

  describe('when held', () => {
    it('refuses a second claim, naming the holder, its process and since when', () => {
      const file = aReadModelsFile();
      const lock = heldLock(ReadModelsLock.claim(file, 'engine', since));
      try {
        const second = ReadModelsLock.claim(file, 'rebuild', new Date());
        expect(second).toEqual({
          held: false,
          holder: { user: 'engine', pid: process.pid, host: hostname(), since: since.toISOString() },
        });
        expect(describeHolder(second.held ? null : second.holder)).toBe(
          `an engine (process ${process.pid} on host ${hostname()}, since 2026-11-30T01:40:00.000Z)`,
        );
      } finally {
        lock.release();
      }
    });

    it('refuses a claim from another process, and lets the next claim in once released', async () => {
      const file = aReadModelsFile();
      const lock = heldLock(ReadModelsLock.claim(file, 'rebuild', since));
      expect((await claimInAnotherProcess(file)).outcome).toBe('refused');
      lock.release();
      heldLock(ReadModelsLock.claim(file, 'engine', since)).release();
    });

    it('leaves the read-model file beside it free to claim: the lock is per read-model file', () => {
      const [mine, another] = [aReadModelsFile(), aReadModelsFile()];
      const lock = heldLock(ReadModelsLock.claim(mine, 'engine', since));
      try {
        heldLock(ReadModelsLock.claim(another, 'engine', since)).release();
      } finally {
        lock.release();
      }
    });
  });

  describe('when its holder is gone without releasing it', () => {
    it('takes the row a dead process left behind for stale: nothing holds the file lock', () => {
      const file = aReadModelsFile();
      heldLock(ReadModelsLock.claim(file, 'engine', since)).release();
      // What a crashed engine leaves: its row, naming a process that no longer runs.
      const db = new Database(readModelsLockFileFor(file));
      db.prepare('UPDATE holder SET pid = 999999').run();
      db.close();
      heldLock(ReadModelsLock.claim(file, 'rebuild', new Date())).release();
    });

    it('lets the next claim in at once after the holder was killed with SIGKILL', async () => {
      const file = aReadModelsFile();
      const { outcome, child: holder } = await claimInAnotherProcess(file);
      expect(outcome).toBe('held');
      const refused = ReadModelsLock.claim(file, 'rebuild', new Date());
      expect(refused).toMatchObject({ held: false, holder: { user: 'engine', pid: holder.pid } });
      await killNine(holder);
      heldLock(ReadModelsLock.claim(file, 'rebuild', new Date())).release();
    });
  });
});
