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

/** The real engine on a real SQLite store in a fresh temp directory. */
export async function startEngine(
  options: { env?: Record<string, string>; projections?: Projection[]; clock?: Clock; logTo?: DestinationStream } = {},
): Promise<EngineHarness> {
  const dir = tempDirectory('leadledger-e2e');
  const env = { LEADLEDGER_DATA_DIR: dir.path, LEADLEDGER_TIMEZONE: 'UTC', ...options.env };
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
