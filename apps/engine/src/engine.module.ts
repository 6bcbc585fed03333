import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { FailedAuthentications } from './auth/failed-authentications';
import { ClaimsModule } from './claims/claims.module';
import { CommissionsModule } from './commissions/commissions.module';
import { CustomersModule } from './customers/customers.module';
import { HandOversModule } from './hand-overs/hand-overs.module';
import { HealthModule } from './health/health.module';
import { InFlightRequests } from './http/in-flight-requests';
import { LeadsModule } from './leads/leads.module';
import { ProblemFilter } from './http/problem.filter';
import { PoolsModule } from './pools/pools.module';
import { RepsModule } from './reps/reps.module';
import { SalesModule } from './sales/sales.module';
import { type PlatformOptions, PlatformModule } from './platform/platform.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { StatsModule } from './stats/stats.module';

@Module({})
export class EngineModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: EngineModule,
      imports: [
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
        SchedulerModule,
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
