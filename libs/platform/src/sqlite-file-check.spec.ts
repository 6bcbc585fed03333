import { tempDirectory } from '@leadledger/event-store/testing';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { checkSqliteFile } from './sqlite-file-check';
import { overwriteHeader, overwriteTablePages, truncateFile } from './testing/file-damage';

describe('checkSqliteFile (quick_check)', () => {
  const dir = tempDirectory('leadledger-file-check');
  afterAll(() => dir.remove());

  let n = 0;
  /** A WAL database of a few hundred pages: one table with an index, as the read models have. */
  function aDatabase(): string {
    const file = dir.file(`db-${++n}.sqlite`);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE leads (id INTEGER PRIMARY KEY, lead_id TEXT UNIQUE, data TEXT)');
    const insert = db.prepare('INSERT INTO leads (lead_id, data) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`lead-${i}`, 'x'.repeat(100));
    })();
    db.close();
    return file;
  }

  it('finds an intact file intact, and a missing one missing (it is created, not repaired)', () => {
    expect(checkSqliteFile(aDatabase())).toEqual({ status: 'intact' });
    expect(checkSqliteFile(dir.file('none.sqlite'))).toEqual({ status: 'missing' });
  });

  it('takes an empty file for the empty database SQLite takes it for', () => {
    writeFileSync(dir.file('empty.sqlite'), '');
    expect(checkSqliteFile(dir.file('empty.sqlite'))).toEqual({ status: 'intact' });
  });

  it('finds a truncated file damaged', () => {
    const file = aDatabase();
    truncateFile(file);
    expect(checkSqliteFile(file)).toEqual({ status: 'damaged', problem: 'database disk image is malformed' });
  });

  it('finds a garbage header damaged: not a database', () => {
    const file = aDatabase();
    overwriteHeader(file);
    expect(checkSqliteFile(file)).toEqual({ status: 'damaged', problem: 'file is not a database' });
  });

  it('finds table pages overwritten with garbage in mid-file damaged', () => {
    const file = aDatabase();
    const pages = overwriteTablePages(file, { pages: 3 });
    expect(Math.min(...pages)).toBeGreaterThan(2);
    // Whether SQLite lists the pages or stops at the first with "malformed" depends on where they are.
    expect(checkSqliteFile(file)).toMatchObject({
      status: 'damaged',
      problem: expect.stringMatching(/page|malformed/),
    });
  });

  describe('at the depth of a start-up check (structure), which costs the same on any file size', () => {
    it('finds an intact file intact, and an empty one the empty database it is', () => {
      expect(checkSqliteFile(aDatabase(), 'structure')).toEqual({ status: 'intact' });
      writeFileSync(dir.file('empty-2.sqlite'), '');
      expect(checkSqliteFile(dir.file('empty-2.sqlite'), 'structure')).toEqual({ status: 'intact' });
    });

    it('finds a truncated file damaged, from the page count in its header', () => {
      const file = aDatabase();
      truncateFile(file);
      expect(checkSqliteFile(file, 'structure')).toMatchObject({
        status: 'damaged',
        problem: expect.stringMatching(
          /^truncated: the header counts \d+ pages of 4096 bytes, the file holds \d+ bytes$/,
        ),
      });
    });

    it('finds a garbage header damaged', () => {
      const file = aDatabase();
      overwriteHeader(file);
      expect(checkSqliteFile(file, 'structure')).toEqual({ status: 'damaged', problem: 'file is not a database' });
    });

    it('does not see pages damaged in mid-file, which the full check does', () => {
      const file = aDatabase();
      overwriteTablePages(file, { pages: 3 });
      expect(checkSqliteFile(file, 'structure')).toEqual({ status: 'intact' });
      expect(checkSqliteFile(file, 'full')).toMatchObject({ status: 'damaged' });
    });
  });
});
