import type { Role } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { type IssuedApiKey, issueApiKey, loadConfig } from '@leadledger/platform';
import type { Clock } from '@leadledger/kernel';
import type { Projection } from '@leadledger/projections';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createEngineApp } from '../../../apps/engine/src/engine-app';
import { waitUntilSettled } from '../../../apps/engine/src/platform/wait-until-settled';
import { cli } from './cli-harness';
import { problemsPublishing } from './published-events-check';

export interface EngineHarness {
  readonly app: INestApplication;
  readonly store: EventStore;
  readonly dataDir: string;
  http(): ReturnType<typeof request>;
  /** Makes a key the way the CLI does and returns its secret. */
  key(role: Role, repId?: string): Promise<string>;
  /** Waits until every workflow reactor and every projection has applied the whole log. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * With LEADLEDGER_E2E_EVENTSTORE set to a connection string, the engines of a suite keep their
 * log on that EventStoreDB server instead of SQLite (read models stay in the temp directory).
 * Suites share stream names (the plan book, pools by id), so run one suite per fresh server:
 *   LEADLEDGER_E2E_EVENTSTORE='esdb://localhost:2113?tls=false' npx jest test/e2e/pools
 */
function onEventStoreDb(): Record<string, string> {
  const connection = process.env.LEADLEDGER_E2E_EVENTSTORE;
  return connection ? { EVENTSTORE_CONNECTION_STRING: connection } : {};
}

/** The real engine on a real SQLite store in a fresh temp directory. */
export async function startEngine(
  options: { env?: Record<string, string>; projections?: Projection[]; clock?: Clock; logTo?: DestinationStream } = {},
): Promise<EngineHarness> {
  const dir = tempDirectory('leadledger-e2e');
  const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC', ...onEventStoreDb(), ...options.env };
  const config = loadConfig(env);
  const app = await createEngineApp(config, {
    logTo: options.logTo ?? false,
    projections: options.projections,
    clock: options.clock,
  });
  await app.init();
  const store = app.get(EventStore);
  const harness: EngineHarness = {
    app,
    store,
    dataDir: dir.path,
    http: () => request(app.getHttpServer()),
    key: async (role, repId) => {
      const issued = (await issueApiKey(
        store,
        { name: `${role} key`, role, repId: repId ?? (role === 'rep' ? 'rep-1' : null) },
        { actorId: 'test', actorRole: 'admin', occurredAt: '2026-11-01T00:00:00.000Z', correlationId: 'c-1' },
      )) as IssuedApiKey;
      return issued.secret;
    },
    settle: () => waitUntilSettled(app),
    close: async () => {
      try {
        // Every suite on the standard read models ends with `verify`: a rebuild from the log must equal what it served.
        if (!options.projections) {
          await harness.settle();
          const verified = await cli(env, ['verify']);
          if (verified.code !== 0)
            throw new Error(`verify failed after the suite:\n${verified.stdout}${verified.stderr}`);
          // And every event it wrote is one the feed can publish: a valid CloudEvent, its data per its schema.
          const unpublishable = await problemsPublishing(store);
          if (unpublishable.length > 0) throw new Error(`events the feed cannot publish:\n${unpublishable.join('\n')}`);
        }
      } finally {
        await app.close();
        dir.remove();
      }
    },
  };
  return harness;
}
