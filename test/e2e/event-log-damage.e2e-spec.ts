import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { loadConfig } from '@leadledger/platform';
import { existsSync, readFileSync } from 'node:fs';
import { overwriteHeader } from '../../libs/platform/src/testing/file-damage';
import { cli } from './support/cli-harness';
import { runFromSource } from './support/run-from-source';

/** The log is not derived data: nothing may replace it, so a damaged one stops the engine with what to do. */
describe('a damaged events file', () => {
  const dir = tempDirectory('leadledger-log-damage');
  const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC' };
  const eventsFile = `${dir.path}/events.sqlite`;
  beforeAll(async () => {
    const store = new SqliteEventStore({ file: eventsFile });
    await store.appendToStream('call-1', [anEvent('CallLogged')], { expectedRevision: 'no_stream' });
    await store.close();
    overwriteHeader(eventsFile);
  });
  afterAll(() => dir.remove());

  it('refuses to start the engine, in one line naming the file and the recovery, and leaves it as it was', async () => {
    const damaged = readFileSync(eventsFile);
    const run = await runFromSource('apps/engine/src/main.ts', [], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `The events file ${eventsFile} is damaged (file is not a database). It is the log, the one source of truth, ` +
        'so nothing can rebuild it: restore it from your latest backup as "Backup and restore" in docs/operations.md describes.\n',
    );
    expect(readFileSync(eventsFile).equals(damaged)).toBe(true);
    expect(existsSync(loadConfig(env).readModelsFile)).toBe(false);
  });

  it('makes verify, rebuild and export name the file instead of printing a stack', async () => {
    const exported = dir.file('export.ndjson');
    for (const command of [['verify'], ['rebuild'], ['export', '--out', exported]]) {
      const run = await cli(env, command);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`^The events file ${eventsFile} is damaged \\(file is not a database\\)\\.`),
      );
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    // No file is left that could pass for an export of the log.
    expect(existsSync(exported)).toBe(false);
  });
});
