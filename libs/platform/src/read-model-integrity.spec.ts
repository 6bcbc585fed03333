import { tempDirectory } from '@leadledger/event-store/testing';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from './engine-config';
import { moveDamagedFileAside } from './damaged-file';
import { snapshotsFileFor } from './open-event-store';
import { setAsideDamagedDerivedFiles, setAsideLine } from './read-model-integrity';
import { overwriteHeader, truncateFile } from './testing/file-damage';

describe('setting aside damaged derived files', () => {
  const now = new Date('2026-11-30T01:40:00.123Z');
  let dir: ReturnType<typeof tempDirectory>;
  beforeEach(() => (dir = tempDirectory('leadledger-derived')));
  afterEach(() => dir.remove());

  /** Leaves a -wal beside the file with commits not yet in it, as an engine that was killed does. */
  function aDatabaseWithWal(file: string): void {
    const setUp = new Database(file);
    setUp.pragma('journal_mode = WAL');
    setUp.exec('CREATE TABLE t (v TEXT)');
    const insert = setUp.prepare('INSERT INTO t VALUES (?)');
    for (let n = 0; n < 200; n++) insert.run('x'.repeat(1000));
    setUp.close();
    const db = new Database(file);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare('INSERT INTO t VALUES (?)').run('the last commit');
    const wal = readFileSync(`${file}-wal`);
    db.close(); // checkpoints and deletes the -wal: put it back
    writeFileSync(`${file}-wal`, wal);
  }

  it('moves a damaged read-model file aside, named with the time, with its -wal and -shm', () => {
    const config = loadConfig({ LEADLEDGER_DATA_DIR: dir.path });
    aDatabaseWithWal(config.readModelsFile);
    truncateFile(config.readModelsFile);
    const [setAside, ...more] = setAsideDamagedDerivedFiles(config, now);
    expect(more).toEqual([]);
    expect(setAside).toEqual({
      file: config.readModelsFile,
      movedTo: `${config.readModelsFile}.damaged-2026-11-30T01-40-00Z`,
      problem: expect.stringMatching(/^truncated: the header counts \d+ pages of 4096 bytes/),
    });
    // The -wal (with the last commit) goes with the file it belongs to: replayed into a new file it would damage that.
    expect(readdirSync(dir.path).sort()).toEqual([
      'read-models.sqlite.damaged-2026-11-30T01-40-00Z',
      'read-models.sqlite.damaged-2026-11-30T01-40-00Z-wal',
    ]);
    expect(setAsideLine(setAside)).toBe(
      `${config.readModelsFile} is damaged (${setAside.problem}); moved it to ${setAside.movedTo} ` +
        'and rebuilding it from the log: it holds only derived data.',
    );
  });

  it('moves the -wal and -shm along with the file they belong to', () => {
    const file = dir.file('read-models.sqlite');
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${file}${suffix}`, suffix);
    const movedTo = moveDamagedFileAside(file, now);
    expect(readdirSync(dir.path).sort()).toEqual([
      'read-models.sqlite.damaged-2026-11-30T01-40-00Z',
      'read-models.sqlite.damaged-2026-11-30T01-40-00Z-shm',
      'read-models.sqlite.damaged-2026-11-30T01-40-00Z-wal',
    ]);
    expect(readFileSync(`${movedTo}-wal`, 'utf8')).toBe('-wal');
  });

  it('moves a damaged snapshots file aside too, and leaves intact and missing files alone', () => {
    const config = loadConfig({ LEADLEDGER_DATA_DIR: dir.path });
    new Database(config.readModelsFile).exec('CREATE TABLE t (v TEXT)');
    new Database(snapshotsFileFor(config.readModelsFile)).exec('CREATE TABLE t (v TEXT)');
    overwriteHeader(snapshotsFileFor(config.readModelsFile));
    const setAside = setAsideDamagedDerivedFiles(config, now);
    expect(setAside.map((s) => [s.file, s.problem])).toEqual([
      [snapshotsFileFor(config.readModelsFile), 'file is not a database'],
    ]);
    expect(readdirSync(dir.path).sort()).toEqual([
      'read-models.snapshots.sqlite.damaged-2026-11-30T01-40-00Z',
      'read-models.sqlite',
    ]);
    expect(setAsideDamagedDerivedFiles(loadConfig({ LEADLEDGER_DATA_DIR: dir.file('empty') }), now)).toEqual([]);
  });

  it('never overwrites an earlier damaged file set aside in the same second', () => {
    const file = dir.file('read-models.sqlite');
    new Database(file).close();
    const first = moveDamagedFileAside(file, now);
    new Database(file).close();
    expect(moveDamagedFileAside(file, now)).toBe(`${first}-2`);
  });
});
