import { EventStore } from '@leadledger/event-store';
import { type Clock, type IdSource } from '@leadledger/kernel';
import { type EngineConfig, openEventStore } from '@leadledger/platform';
import { type Projection, ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ReactorRunner, leadIntakeReactor } from '@leadledger/workflows';
import { intakePolicy } from './intake-policy';
import { ProjectionLifecycle } from './projection-lifecycle';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE, PROJECTIONS } from './tokens';

export interface PlatformOptions {
  readonly config: EngineConfig;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly projections: readonly Projection[];
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
        { provide: EventStore, useFactory: () => openEventStore(options.config, options.clock) },
        { provide: ReadModelDatabase, useFactory: () => new ReadModelDatabase(options.config.readModelsFile) },
        {
          provide: ProjectionRunner,
          inject: [EventStore, ReadModelDatabase],
          useFactory: (store: EventStore, readModels: ReadModelDatabase) =>
            new ProjectionRunner(store, readModels, options.projections),
        },
        {
          provide: ReactorRunner,
          inject: [EventStore, ReadModelDatabase],
          useFactory: (store: EventStore, readModels: ReadModelDatabase) =>
            new ReactorRunner(store, readModels, [leadIntakeReactor(store, intakePolicy(options.config))]),
        },
        ProjectionLifecycle,
      ],
      exports: [
        ENGINE_CONFIG,
        CLOCK,
        ID_SOURCE,
        PROJECTIONS,
        EventStore,
        ReadModelDatabase,
        ProjectionRunner,
        ReactorRunner,
      ],
    };
  }
}
