import { type StoredEvent, eventHash } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli } from './support/cli-harness';

/** The log's hash chain through the CLI: verify names the first broken position, import the first broken line. */
describe('tamper evidence through the CLI', () => {
  let dir: ReturnType<typeof tempDirectory>;
  let env: Record<string, string>;
  let appended: StoredEvent[];
  const eventsFile = () => dir.file('events.sqlite');
  const rawSql = (sql: string) => {
    const db = new Database(eventsFile());
    db.prepare(sql).run();
    db.close();
  };

  beforeEach(async () => {
    dir = tempDirectory('leadledger-tamper');
    env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC' };
    // Fixture types of no domain, on two streams, interleaved in the global log.
    const store = new SqliteEventStore({ file: eventsFile() });
    appended = [];
    for (let i = 0; i < 6; i++) {
      const streamId = `call-${i % 2}`;
      const result = await store.appendToStream(streamId, [anEvent('CallLogged', { minutes: i })], {
        expectedRevision: i < 2 ? 'no_stream' : BigInt(Math.floor(i / 2) - 1),
      });
      appended.push(...result.events);
    }
    await store.close();
  });
  afterEach(() => dir.remove());

  describe('verify', () => {
    it('passes on an intact log, printing where the chain starts and its head', async () => {
      expect((await cli(env, ['rebuild'])).code).toBe(0);
      const run = await cli(env, ['verify']);
      expect(run.stdout).toContain('event log: hash chain intact from position 1 to 6 (6 events)\n');
      expect(run.stdout).toContain(`event log: head 6 ${appended[5].hash}\n`);
      expect(run.stdout).toMatch(/event-type-stats: identical at position 6/);
      expect(run.code).toBe(0);
    });

    it('fails naming the position of the event whose data was edited with raw SQL', async () => {
      expect((await cli(env, ['rebuild'])).code).toBe(0);
      rawSql(`UPDATE events SET data = '{"minutes":90}' WHERE position = 4`);
      const run = await cli(env, ['verify']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        'event log: hash chain BROKEN at position 4: its hash does not match its content and the hash of the event before it (position 3)\n',
      );
      expect(run.stderr).toBe('verify: the hash chain is broken\n');
    });

    it('fails naming the event after a deleted row, and the missing position', async () => {
      rawSql('DELETE FROM events WHERE position = 2');
      const run = await cli(env, ['verify', '--chain-only']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(
        'event log: hash chain BROKEN at position 3: its hash does not match its content and the hash of the event ' +
          'before it (position 1); position 2 is not in the log\n',
      );
    });

    it('fails naming where the log cannot be read when the data was edited into invalid JSON', async () => {
      rawSql(`UPDATE events SET data = '{"minutes":' WHERE position = 5`);
      const run = await cli(env, ['verify', '--chain-only']);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^event log: hash chain BROKEN at position 5: the first event after position 4 cannot be read: /,
      );
    });

    it('fails when a hash was rewritten to fit edited data, at the next event', async () => {
      const edited = { ...appended[1], data: { minutes: 60 } };
      rawSql(
        `UPDATE events SET data = '{"minutes":60}', hash = '${eventHash(edited, appended[0].hash!)}' WHERE position = 2`,
      );
      const run = await cli(env, ['verify', '--chain-only']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('BROKEN at position 3:');
    });

    it('says which events predate the chain on a log older than it', async () => {
      rawSql('UPDATE events SET hash = NULL');
      const store = new SqliteEventStore({ file: eventsFile() });
      const { events } = await store.appendToStream('call-9', [anEvent('CallLogged')], {
        expectedRevision: 'no_stream',
      });
      await store.close();
      const run = await cli(env, ['verify', '--chain-only']);
      expect(run.stdout).toBe(
        'event log: hash chain intact from position 7 to 7 (1 events)\n' +
          `event log: head 7 ${events[0].hash}\n` +
          'event log: the 6 events before position 7 were recorded before the chain and are not covered\n',
      );
      expect(run.code).toBe(0);
    });
  });

  describe('export and import', () => {
    let target: ReturnType<typeof tempDirectory>;
    let exportFile: string;
    beforeEach(async () => {
      target = tempDirectory('leadledger-tamper-target');
      exportFile = target.file('log.ndjson');
      expect((await cli(env, ['export', '--out', exportFile])).code).toBe(0);
    });
    afterEach(() => target.remove());
    const lines = () => readFileSync(exportFile, 'utf8').trim().split('\n');
    const targetEnv = () => ({ LEADLEDGER_DATA_DIR: target.path, LEADLEDGER_TIMEZONE: 'UTC' });
    const targetEvents = async () => {
      const store = new SqliteEventStore({ file: target.file('events.sqlite') });
      const events = await store.readAll();
      await store.close();
      return events;
    };

    it('carries each hash, and an import into an empty log comes out with the same chain', async () => {
      expect(lines().map((line) => (JSON.parse(line) as { hash: string }).hash)).toEqual(appended.map((e) => e.hash));
      const run = await cli(targetEnv(), ['import', '--in', exportFile]);
      expect(run.code).toBe(0);
      expect((await targetEvents()).map((e) => e.hash)).toEqual(appended.map((e) => e.hash));
      const verified = await cli(targetEnv(), ['verify', '--chain-only']);
      expect(verified.stdout).toContain(`event log: head 6 ${appended[5].hash}\n`);
    });

    it('refuses a file whose event data was edited after export, naming the line, having imported only the lines before', async () => {
      const edited = lines();
      edited[2] = edited[2].replace('"minutes":2', '"minutes":20');
      writeFileSync(exportFile, `${edited.join('\n')}\n`);
      const run = await cli(targetEnv(), ['import', '--in', exportFile]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'line 3: the hash chain breaks at position 3: its hash does not match its content and the hash of the event ' +
          'before it (position 2); nothing from this line on was imported (the 2 events before it were)\n',
      );
      expect((await targetEvents()).map((e) => e.id)).toEqual(appended.slice(0, 2).map((e) => e.id));
    });

    it('refuses a file with a line taken out, naming the line after the gap', async () => {
      const shortened = lines().filter((_, i) => i !== 3);
      writeFileSync(exportFile, `${shortened.join('\n')}\n`);
      const run = await cli(targetEnv(), ['import', '--in', exportFile]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^line 4: the hash chain breaks at position 5: .*; position 4 is not in the log;/);
    });

    it('refuses a line whose hash was stripped after the chain started', async () => {
      const stripped = lines();
      stripped[4] = JSON.stringify({ ...JSON.parse(stripped[4]), hash: undefined });
      writeFileSync(exportFile, `${stripped.join('\n')}\n`);
      const run = await cli(targetEnv(), ['import', '--in', exportFile]);
      expect(run.stderr).toMatch(
        /^line 5: the hash chain breaks at position 5: carries no hash, but the chain starts at position 1;/,
      );
    });

    it('imports an export made before the chain (lines without hashes)', async () => {
      const old = lines().map((line) => JSON.stringify({ ...JSON.parse(line), hash: undefined }));
      writeFileSync(exportFile, `${old.join('\n')}\n`);
      const run = await cli(targetEnv(), ['import', '--in', exportFile]);
      expect(run.stderr).toBe('imported 6 events, skipped 0 already present\n');
    });
  });
});
