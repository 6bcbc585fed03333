import 'reflect-metadata';
import { randomIds, systemClock } from '@leadledger/kernel';
import { ConfigurationError, ensureAdminKey, loadConfig, openEventStore } from '@leadledger/platform';
import { Logger } from '@nestjs/common';
import { createEngineApp } from './engine-app';

async function main(): Promise<void> {
  const config = loadConfig();
  await bootstrapAdminKey(config);
  const app = await createEngineApp(config);
  await app.listen(config.port, config.host);
  Logger.log(`leadledger listening on http://${config.host}:${config.port} (store: ${config.store.kind})`, 'Engine');
}

/** Prints a generated admin key once; the log keeps only its hash. */
async function bootstrapAdminKey(config: ReturnType<typeof loadConfig>): Promise<void> {
  const store = openEventStore(config);
  try {
    const outcome = await ensureAdminKey(store, config.bootstrapAdminKey, systemClock, randomIds);
    if (outcome.kind === 'generated') {
      process.stdout.write(
        `\nNo API key existed, so an admin key was created. It is shown this once:\n\n` +
          `    ${outcome.key.secret}\n\nKeep it safe; make more with: npm run cli -- keys create\n\n`,
      );
    } else if (outcome.kind === 'from-environment') {
      Logger.log(`Admin key from LEADLEDGER_ADMIN_KEY registered as ${outcome.keyId}`, 'Engine');
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`${error.message}\n\nSee the configuration table in README.md.\n`);
  } else {
    process.stderr.write(
      `leadledger failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
