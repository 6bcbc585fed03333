import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirectory } from '@leadledger/event-store/testing';
import { runFromSource } from './support/run-from-source';

const ENGINE = 'apps/engine/src/main.ts';
const ADMIN_KEY = 'start-up-test-admin-key-0123456789abcdef';

/** The engine as an operator starts it, in its own process: what it prints when it cannot start. */
describe('an engine that cannot start', () => {
  const dir = tempDirectory('leadledger-start-up');
  afterAll(() => dir.remove());

  it('says in one line that the port is in use, and exits 1', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      const run = await runFromSource(ENGINE, [], {
        LEADLEDGER_DATA_DIR: dir.file('port'),
        LEADLEDGER_HOST: '127.0.0.1',
        PORT: String(port),
        LEADLEDGER_ADMIN_KEY: ADMIN_KEY,
        LEADLEDGER_SCHEDULER_INTERVAL_MS: '0',
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `leadledger cannot listen on 127.0.0.1:${port}: the port is in use by another process. Stop it, or set PORT to a free port.\n`,
      );
    } finally {
      squatter.close();
    }
  });

  it('says in one line that it cannot write its data directory, and exits 1', async () => {
    // Tests run as root here, so a read-only mode would not stop them: a data directory inside
    // a regular file cannot be created by anyone.
    const blocker = dir.file('a-file');
    writeFileSync(blocker, 'not a directory');
    const dataDir = join(blocker, 'data');
    const run = await runFromSource(ENGINE, [], {
      LEADLEDGER_DATA_DIR: dataDir,
      LEADLEDGER_HOST: '127.0.0.1',
      PORT: '39999',
      LEADLEDGER_ADMIN_KEY: ADMIN_KEY,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `leadledger cannot write its data directory ${dataDir} (ENOTDIR). Make it writable for this user, or set LEADLEDGER_DATA_DIR to a directory that is.\n`,
    );
  });
});
