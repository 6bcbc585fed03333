import { tempDirectory } from '@leadledger/event-store/testing';
import { openSqlite } from './sqlite-connection';

describe('a leadledger SQLite file', () => {
  const dir = tempDirectory('leadledger-sqlite-connection');
  afterAll(() => dir.remove());

  it('is durable on commit and in write-ahead-log mode', () => {
    const db = openSqlite(dir.file('settings.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});
