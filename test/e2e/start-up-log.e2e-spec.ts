import { tempDirectory } from '@leadledger/event-store/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EngineProcess, freePort, killEngineProcess, startEngineProcess } from './support/engine-process';

interface LogLine {
  readonly level: number;
  readonly context?: string;
  readonly msg: string;
}
const INFO = 30;
const WARN = 40;

/** The engine as an operator starts it: every line it writes is a JSON log line, from the first. */
describe('the start-up log', () => {
  const dir = tempDirectory('leadledger-start-up-log');
  let engine: EngineProcess | null = null;
  afterAll(async () => {
    if (engine) await killEngineProcess(engine);
    dir.remove();
  });

  it('writes the storage check and the admin key as JSON lines, before the app logs', async () => {
    // A read-model file that is not a database: the start-up check moves it aside before the app opens it.
    writeFileSync(join(dir.path, 'read-models.sqlite'), 'not a database, garbage from a failing disk '.repeat(100));
    engine = await startEngineProcess(
      {
        LEADLEDGER_DATA_DIR: dir.path,
        LEADLEDGER_ADMIN_KEY: 'Start-Up-Log-Admin-Key-0123456789-abcdefXYZ',
        LEADLEDGER_SCHEDULER_INTERVAL_MS: '0',
        LOG_LEVEL: 'info',
      },
      await freePort(),
    );
    const lines = engine
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogLine);
    expect(lines[0]).toMatchObject({
      level: WARN,
      context: 'Storage',
      msg: expect.stringMatching(/read-models\.sqlite is damaged \(.+\); moved it to .+read-models\.sqlite\.damaged-/),
    });
    expect(lines[1]).toMatchObject({
      level: INFO,
      context: 'Engine',
      msg: expect.stringMatching(/^Admin key from LEADLEDGER_ADMIN_KEY registered as /),
    });
    expect(lines.at(-1)).toMatchObject({ context: 'Engine', msg: expect.stringMatching(/^leadledger listening on /) });
  });
});
