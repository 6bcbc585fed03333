import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetRepTimelineHandler } from './rep-timeline.handler';
import { TimelinesController } from './timelines.controller';
import { GetCustomerTimelineHandler, GetLeadTimelineHandler } from './timelines.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [TimelinesController],
  providers: [GetCustomerTimelineHandler, GetLeadTimelineHandler, GetRepTimelineHandler],
})
export class TimelinesModule {}
