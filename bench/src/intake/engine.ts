import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { EventStore } from '@leadledger/event-store';
import { type EngineConfig, type IssuedApiKey, issueApiKey, loadConfig } from '@leadledger/platform';
import type { INestApplication } from '@nestjs/common';
import { createEngineApp } from '../../../apps/engine/src/engine-app';
import { waitUntilSettled } from '../../../apps/engine/src/platform/wait-until-settled';

export interface BenchEngine {
  readonly baseUrl: string;
  readonly store: EventStore;
  readonly config: EngineConfig;
  /** A 'service' key's bearer secret, as a web-form integration would hold. */
  readonly secret: string;
  /** Waits until every reactor and projection has applied the whole log. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The real engine, as main.ts builds it, on SQLite in `dataDir`, listening on an ephemeral port of 127.0.0.1. */
export async function startBenchEngine(dataDir: string): Promise<BenchEngine> {
  // config.port stays at its default: the config refuses port 0, so the ephemeral port is asked of listen() directly.
  const config = loadConfig({ LEADLEDGER_DATA_DIR: dataDir, LEADLEDGER_TIMEZONE: 'UTC' });
  const app: INestApplication = await createEngineApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const store = app.get(EventStore);
  const issued = (await issueApiKey(
    store,
    { name: 'bench web form', role: 'service', repId: null },
    { actorId: 'bench', actorRole: 'admin', occurredAt: new Date().toISOString(), correlationId: 'bench-key' },
  )) as IssuedApiKey;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    config,
    secret: issued.secret,
    settle: () => waitUntilSettled(app),
    close: () => app.close(),
  };
}
