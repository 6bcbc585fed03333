import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { anEvent } from '@leadledger/event-store/testing';
import { readFileSync } from 'node:fs';
import { checkStorageAtStart } from './check-storage-at-start';
import { loadConfig } from './engine-config';
import { DamagedEventLogError, assertEventLogIntact } from './event-log-integrity';
import { overwriteTablePages, truncateFile } from './testing/file-damage';

describe('a damaged events file', () => {
  const dir = tempDirectory('leadledger-log-check');
  afterAll(() => dir.remove());

  async function aLog(dataDir: string, check: 'structure' | 'full') {
    const config = loadConfig({ LEADLEDGER_DATA_DIR: dataDir, LEADLEDGER_STARTUP_CHECK: check });
    if (config.store.kind !== 'sqlite') throw new Error('expected the SQLite store');
    const store = new SqliteEventStore({ file: config.store.file });
    for (let n = 0; n < 200; n++) {
      await store.appendToStream(`lead-${n}`, [anEvent('LeadReceived', { note: 'x'.repeat(500) })], {
        expectedRevision: 'no_stream',
      });
    }
    await store.close();
    return { config, file: config.store.file };
  }

  it('refuses the start when the log was cut short, with the default check that reads a few pages', async () => {
    const { config, file } = await aLog(dir.file('truncated'), 'structure');
    truncateFile(file);
    expect(() => checkStorageAtStart(config, () => undefined, new Date())).toThrow(
      new RegExp(`^The events file ${file} is damaged \\(truncated: the header counts \\d+ pages`),
    );
  });

  it('refuses the start in one line naming the file and the way back, and leaves the file as it was (full check)', async () => {
    const { config, file } = await aLog(dir.file('mid-file'), 'full');
    overwriteTablePages(file, { tables: ['events'], pages: 2 });
    const damaged = readFileSync(file);
    const lines: string[] = [];

    let refusal: unknown;
    try {
      checkStorageAtStart(config, (line) => lines.push(line), new Date());
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DamagedEventLogError);
    const message = (refusal as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^The events file ${file} is damaged \\(.+\\)\\. It is the log`));
    expect(message).toContain('restore it from your latest backup');
    expect(message).toContain('docs/operations.md');
    expect(lines).toEqual([]);
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it('is not looked for in EventStoreDB, which keeps its own files', () => {
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' });
    expect(() => assertEventLogIntact(config)).not.toThrow();
  });
});
