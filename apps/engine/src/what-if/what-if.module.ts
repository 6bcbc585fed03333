import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlanWhatIfHandler } from './plan-what-if.handler';
import { RoutingWhatIfHandler } from './routing-what-if.handler';
import { WhatIfController } from './what-if.controller';

@Module({
  imports: [CqrsModule],
  controllers: [WhatIfController],
  providers: [RoutingWhatIfHandler, PlanWhatIfHandler],
})
export class WhatIfModule {}
