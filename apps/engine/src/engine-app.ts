import { type Clock, type IdSource, randomIds, systemClock } from '@leadledger/kernel';
import { type EngineConfig, allProjections } from '@leadledger/platform';
import type { Projection } from '@leadledger/projections';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { EngineModule } from './engine.module';
import { createOpenApiDocument } from './openapi-document';
import { claimReadModelsForEngine } from './platform/claim-read-models';
import { installHttpEdge } from './http/edge/install-http-edge';
import { validationPipe } from './http/validation';
import { EngineLogger } from './logging/engine-logger';
import { type LogDestination, createRootLogger } from './logging/root-logger';

export interface EngineAppOptions {
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Replaces the standard read models (tests use it to add a failing one). */
  readonly projections?: readonly Projection[];
  /** JSON log lines go to standard output unless a stream is given here; false: no logs (tests). */
  readonly logTo?: LogDestination;
}

/** Builds the configured app without listening: main.ts listens, e2e tests hand it to supertest. */
export async function createEngineApp(config: EngineConfig, options: EngineAppOptions = {}): Promise<INestApplication> {
  const logger = createRootLogger(config.logLevel, options.logTo);
  // Before anything opens the file, and outside Nest (a provider that throws ends the process with
  // Nest's stack): a refusal is then the one line main.ts prints.
  const readModelsLock = claimReadModelsForEngine(config.readModelsFile, new Date());
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      EngineModule.forRoot(
        {
          config,
          clock: options.clock ?? systemClock,
          ids: options.ids ?? randomIds,
          projections: options.projections ?? allProjections(config),
          readModelsLock,
        },
        logger,
      ),
      // The edge parses bodies itself: JSON only, bounded, with 4xx answers for what it cannot read.
      { bufferLogs: true, bodyParser: false },
    );
  } catch (error) {
    // An engine that never started holds nothing: a retry in this process (or a rebuild) may claim it.
    readModelsLock.release();
    throw error;
  }
  app.useLogger(app.get(EngineLogger));
  // Nest flushes what it buffered on listen(); tests never listen, so flush here.
  app.flushLogs();
  installHttpEdge(app, config, logger);
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
