import { commissionPlanJsonSchema } from '@leadledger/commissions';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Roles } from '../auth/auth.decorators';
import { type PlanWhatIfAnswer, RunPlanWhatIf } from './plan-what-if.handler';
import { type RoutingWhatIfAnswer, RunRoutingWhatIf } from './routing-what-if.handler';
import { PlanWhatIfAnswerDto, RoutingWhatIfAnswerDto } from './what-if.response';
import { MAX_PERIOD_SALES, MAX_WINDOW_DAYS, MAX_WINDOW_EVENTS, RoutingWhatIfDto } from './what-if.dto';

/** A change tried over history before it is made: computed in memory, never written to the log. */
@ApiTags('what-if')
@ApiBearerAuth()
@Controller('what-if')
export class WhatIfController {
  constructor(private readonly queries: QueryBus) {}

  /** A pool's members, weights, caps or strategy changed from a day, replayed over the real arrivals of a window. */
  @Post('routing')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiOkResponse({
    description: 'Each lead of the window as it went and with the changes, and the counts per rep',
    type: RoutingWhatIfAnswerDto,
  })
  @ApiBadRequestResponse({
    description: `A bad field; a window over ${MAX_WINDOW_DAYS} days or ${MAX_WINDOW_EVENTS} pool events; a rep not registered`,
  })
  @ApiNotFoundResponse({ description: 'Unknown pool' })
  routing(@Body() body: RoutingWhatIfDto): Promise<RoutingWhatIfAnswer> {
    return this.queries.execute(new RunRoutingWhatIf(body));
  }

  /** A draft plan version applied to a past period's sales, beside the versions they were paid under. */
  @Post('plans')
  @HttpCode(200)
  @Roles('admin', 'finance', 'manager')
  @ApiBody({
    description: 'period on the draft’s calendar, and the draft plan version as POST /commission-plans takes it',
    schema: {
      type: 'object',
      required: ['period', 'plan'],
      properties: { period: { type: 'string', example: '2026-03' }, plan: commissionPlanJsonSchema() as SchemaObject },
    },
  })
  @ApiOkResponse({
    description:
      'Each sale of the period under the versions it was paid under and under the draft, per payee and in total',
    type: PlanWhatIfAnswerDto,
  })
  @ApiBadRequestResponse({ description: `A bad field (plan.* as publishing names it); over ${MAX_PERIOD_SALES} sales` })
  @ApiNotFoundResponse({ description: 'A period before the first published plan version' })
  plans(@Body() body: unknown): Promise<PlanWhatIfAnswer> {
    return this.queries.execute(new RunPlanWhatIf(body));
  }
}
