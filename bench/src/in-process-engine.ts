import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import { type EngineConfig, type IssuedApiKey, issueApiKey, loadConfig } from '@leadledger/platform';
import type { INestApplication } from '@nestjs/common';
import { createEngineApp } from '../../apps/engine/src/engine-app';
import { waitUntilSettled } from '../../apps/engine/src/platform/wait-until-settled';

export interface InProcessEngine {
  readonly app: INestApplication;
  readonly store: EventStore;
  readonly config: EngineConfig;
  readonly baseUrl: string;
  /** The bearer secret of the one API key issued at start. */
  readonly secret: string;
  /** Waits until every reactor and projection has applied the whole log. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real engine, as main.ts builds it, from `env` (LEADLEDGER_* variables), in this process,
 * listening on an ephemeral port of 127.0.0.1, with one API key of `key.role` issued for the bench.
 */
export async function startInProcessEngine(
  env: NodeJS.ProcessEnv,
  key: { name: string; role: Role },
): Promise<InProcessEngine> {
  // config.port stays at its default: the config refuses port 0, so the ephemeral port is asked of listen() directly.
  const config = loadConfig(env);
  const app = await createEngineApp(config, { logTo: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const store = app.get(EventStore);
  const issued = (await issueApiKey(
    store,
    { ...key, repId: null },
    { actorId: 'bench', actorRole: 'admin', occurredAt: new Date().toISOString(), correlationId: 'bench-key' },
  )) as IssuedApiKey;
  return {
    app,
    store,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    secret: issued.secret,
    settle: () => waitUntilSettled(app),
    close: () => app.close(),
  };
}
