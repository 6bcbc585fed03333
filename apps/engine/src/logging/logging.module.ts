import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { EngineLogger } from './engine-logger';

/**
 * Application logs through the engine's pino logger, tied to the request they happen in. The
 * request lines themselves are written by the edge (installHttpEdge), which runs first, so a
 * request refused there is logged too; nestjs-pino only reuses its req.log (useExisting).
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })],
      providers: [EngineLogger],
      exports: [EngineLogger],
    };
  }
}
