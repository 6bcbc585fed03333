import 'reflect-metadata';
import { randomIds, systemClock } from '@leadledger/kernel';
import {
  ConfigurationError,
  DamagedEventLogError,
  DamagedLockFileError,
  checkStorageAtStart,
  ensureAdminKey,
  loadConfig,
  openEventStore,
} from '@leadledger/platform';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import pino, { type Logger as PinoLogger } from 'pino';
import { createEngineApp } from './engine-app';
import { ReadModelsInUseError } from './platform/claim-read-models';
import { createRootLogger } from './logging/root-logger';
import { startupFailureLine } from './startup-failure';

async function main(): Promise<void> {
  const config = loadConfig();
  // The lines written before the app (and its logger) exist are JSON lines of the same shape too,
  // so a log shipper that parses them does not drop the warning that a file was moved aside.
  // Written at once (a few lines), so none is left behind the app's own lines or lost to an exit.
  const early = createRootLogger(config.logLevel, pino.destination({ dest: 1, sync: true }));
  // Before anything opens the databases: refuses a damaged log, sets aside damaged read models.
  checkStorageAtStart(config, (line) => early.warn({ context: 'Storage' }, line), new Date());
  await bootstrapAdminKey(config, early);
  const app = await createEngineApp(config);
  await app.init();
  // Listening ourselves, not app.listen: a port in use is then the one line below, not also Nest's log of it.
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, config.host, resolve));
  Logger.log(`leadledger listening on http://${config.host}:${config.port} (store: ${config.store.kind})`, 'Engine');
}

/** Prints a generated admin key once; the log keeps only its hash. */
async function bootstrapAdminKey(config: ReturnType<typeof loadConfig>, log: PinoLogger): Promise<void> {
  const store = openEventStore(config);
  try {
    // The first call to the store: an EventStoreDB server older than the adapter needs is refused here.
    await store.ping();
    const outcome = await ensureAdminKey(store, config.bootstrapAdminKey, systemClock, randomIds);
    if (outcome.kind === 'generated') {
      process.stdout.write(
        `\nNo API key existed, so an admin key was created. It is shown this once:\n\n` +
          `    ${outcome.key.secret}\n\nKeep it safe; make more with: npm run cli -- keys create\n\n`,
      );
    } else if (outcome.kind === 'from-environment') {
      log.info({ context: 'Engine' }, `Admin key from LEADLEDGER_ADMIN_KEY registered as ${outcome.keyId}`);
    } else if (outcome.kind === 'chosen-elsewhere') {
      log.warn(
        { context: 'Engine' },
        `The first admin key (${outcome.keyId}) was made by another engine starting on this log, which shows its ` +
          `secret once. If none did (it stopped first), set LEADLEDGER_ADMIN_KEY or run: npm run cli -- keys create`,
      );
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${failureMessage(error)}\n`);
  process.exit(1);
});

/** What the operator reads when start-up fails: what to fix where it is theirs to fix, else the stack. */
function failureMessage(error: unknown): string {
  if (error instanceof ConfigurationError) return `${error.message}\n\nSee the configuration table in README.md.`;
  if (error instanceof DamagedEventLogError) return error.message;
  if (error instanceof ReadModelsInUseError || error instanceof DamagedLockFileError) return error.message;
  return (
    startupFailureLine(error, loadConfig()) ??
    `leadledger failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
  );
}
