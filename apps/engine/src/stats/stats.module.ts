import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StatsController } from './stats.controller';
import { GetEventTypeStatsHandler } from './stats.handlers';

@Module({ imports: [CqrsModule], controllers: [StatsController], providers: [GetEventTypeStatsHandler] })
export class StatsModule {}
