import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { EngineMetrics } from './engine-metrics';
import { MetricsController } from './metrics.controller';

@Module({
  imports: [SchedulerModule],
  controllers: [MetricsController],
  providers: [EngineMetrics],
  exports: [EngineMetrics],
})
export class MetricsModule {}
