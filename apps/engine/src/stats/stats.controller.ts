import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { StatsDto, StatsQueryDto } from './stats.dto';
import { GetEventTypeStats } from './stats.handlers';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  /** Events per type, in total and per business day, from the event-type-stats projection. */
  @Get()
  @Roles('admin', 'manager', 'finance', 'service')
  @ApiOkResponse({ type: StatsDto })
  stats(@Query() query: StatsQueryDto): Promise<StatsDto> {
    return this.queries.execute(new GetEventTypeStats({ from: query.from, to: query.to }));
  }
}
