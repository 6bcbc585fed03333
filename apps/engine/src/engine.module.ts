import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { FailedAuthentications } from './auth/failed-authentications';
import { ClaimsModule } from './claims/claims.module';
import { CommissionsModule } from './commissions/commissions.module';
import { ConsoleModule } from './console/console.module';
import { CustomersModule } from './customers/customers.module';
import { DisputesModule } from './disputes/disputes.module';
import { HandOversModule } from './hand-overs/hand-overs.module';
import { FeedModule } from './feed/feed.module';
import { HealthModule } from './health/health.module';
import { InFlightRequests } from './http/in-flight-requests';
import { LeadsModule } from './leads/leads.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProblemFilter } from './http/problem.filter';
import { PoolsModule } from './pools/pools.module';
import { RepsModule } from './reps/reps.module';
import { SalesModule } from './sales/sales.module';
import { type PlatformOptions, PlatformModule } from './platform/platform.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { StatsModule } from './stats/stats.module';
import { TimelinesModule } from './timelines/timelines.module';
import { ReplayModule } from './replay/replay.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WhatIfModule } from './what-if/what-if.module';

@Module({})
export class EngineModule {
  static forRoot(options: PlatformOptions, logger: Logger): DynamicModule {
    return {
      module: EngineModule,
      imports: [
        LoggingModule.forRoot(logger),
        PlatformModule.forRoot(options),
        HealthModule,
        StatsModule,
        LeadsModule,
        CustomersModule,
        PoolsModule,
        RepsModule,
        ClaimsModule,
        HandOversModule,
        SalesModule,
        CommissionsModule,
        DisputesModule,
        SchedulerModule,
        MetricsModule,
        WebhooksModule,
        FeedModule,
        TimelinesModule,
        ReplayModule,
        WhatIfModule,
        ConsoleModule,
      ],
      providers: [
        FailedAuthentications,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        InFlightRequests,
        { provide: APP_INTERCEPTOR, useExisting: InFlightRequests },
      ],
    };
  }
}
