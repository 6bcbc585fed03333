import { EventStore, LiveFanOut, LogReader } from '@leadledger/event-store';
import { type Clock, type IdSource } from '@leadledger/kernel';
import { type EngineConfig, ReadModelsLock, openEventStore, workflowCheckpointsFileFor } from '@leadledger/platform';
import { type Projection, ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import {
  IntakesInFlight,
  ReactorRunner,
  type WorkLookups,
  handOverReactor,
  leadIntakeReactor,
  leadRoutingReactor,
  saleConversionReactor,
} from '@leadledger/workflows';
import { workflowPolicy } from './workflow-policy';
import { readModelLookups } from './read-model-lookups';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { RequestContexts } from '../http/request-context';
import { EffectiveTimes } from './effective-at';
import { ProjectionLifecycle } from './projection-lifecycle';
import { CurrentReadModels } from './current-read-models.interceptor';
import { ReadModelGate } from './read-model-gate.interceptor';
import { ReadModelRecovery } from './read-model-recovery';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE, PROJECTIONS, WORKFLOW_CHECKPOINTS, WORK_LOOKUPS } from './tokens';

export interface PlatformOptions {
  readonly config: EngineConfig;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly projections: readonly Projection[];
  /** The read-model file, claimed for the engine's lifetime (claim-read-models.ts); released at shutdown. */
  readonly readModelsLock: ReadModelsLock;
}

/** The event store, the read-model database and the projection runner, for every area. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: ENGINE_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock },
        { provide: ID_SOURCE, useValue: options.ids },
        { provide: PROJECTIONS, useValue: options.projections },
        { provide: ReadModelsLock, useValue: options.readModelsLock },
        // The serving engine checkpoints both files from threads of their own (BackgroundCheckpoints).
        {
          provide: EventStore,
          useFactory: () => openEventStore(options.config, options.clock, { backgroundCheckpoints: true }),
        },
        {
          provide: ReadModelDatabase,
          useFactory: () => new ReadModelDatabase(options.config.readModelsFile, { backgroundCheckpoints: true }),
        },
        {
          provide: WORKFLOW_CHECKPOINTS,
          useFactory: () => new ReadModelDatabase(workflowCheckpointsFileFor(options.config.readModelsFile)),
        },
        {
          provide: ProjectionRunner,
          inject: [EventStore, ReadModelDatabase],
          useFactory: (store: EventStore, readModels: ReadModelDatabase) =>
            new ProjectionRunner(store, readModels, options.projections),
        },
        { provide: IntakesInFlight, useValue: new IntakesInFlight() },
        // The log as it grows, for the event feed (SSE clients, webhook deliveries).
        { provide: LiveFanOut, useValue: new LiveFanOut() },
        {
          provide: LogReader,
          inject: [EventStore],
          useFactory: (store: EventStore) => {
            const logger = new Logger('LogReader');
            return new LogReader(store, {
              onFailure: (error, retryInMs) =>
                logger.error(
                  retryInMs === null
                    ? `Stopped reading the log: ${String(error)}`
                    : `Reading the log failed, subscribing again in ${retryInMs} ms: ${String(error)}`,
                ),
            });
          },
        },
        {
          provide: WORK_LOOKUPS,
          inject: [ReadModelDatabase, ProjectionRunner],
          useFactory: readModelLookups,
        },
        {
          provide: ReactorRunner,
          inject: [EventStore, WORKFLOW_CHECKPOINTS, WORK_LOOKUPS, IntakesInFlight],
          useFactory: (
            store: EventStore,
            checkpoints: ReadModelDatabase,
            lookups: WorkLookups,
            intakes: IntakesInFlight,
          ) => {
            const policy = workflowPolicy(options.config);
            const logger = new Logger('Workflows');
            const onCheckpointWriteFailure = (reactor: string, error: unknown) =>
              logger.warn(
                `${reactor} could not write its position to ${checkpoints.file} (${String(error)}); ` +
                  'it goes on, and after a restart handles again what came after the last position written.',
              );
            return new ReactorRunner(
              store,
              checkpoints,
              [
                leadIntakeReactor(store, policy, intakes),
                leadRoutingReactor(store, policy),
                handOverReactor(store, lookups, policy),
                saleConversionReactor(store),
              ],
              { onCheckpointWriteFailure },
            );
          },
        },
        ReadModelRecovery,
        ProjectionLifecycle,
        // Global, from here: while the read models are rebuilt, requests get 503 with Retry-After.
        { provide: APP_INTERCEPTOR, useClass: ReadModelGate },
        // Then: a GET waits for the read models to reach the writes answered before it.
        { provide: APP_INTERCEPTOR, useClass: CurrentReadModels },
        RequestContexts,
        EffectiveTimes,
        IdempotencyKeys,
      ],
      exports: [
        ENGINE_CONFIG,
        CLOCK,
        ID_SOURCE,
        PROJECTIONS,
        EventStore,
        ReadModelDatabase,
        WORKFLOW_CHECKPOINTS,
        ProjectionRunner,
        ReactorRunner,
        IntakesInFlight,
        LogReader,
        LiveFanOut,
        WORK_LOOKUPS,
        ReadModelRecovery,
        RequestContexts,
        EffectiveTimes,
        IdempotencyKeys,
      ],
    };
  }
}
