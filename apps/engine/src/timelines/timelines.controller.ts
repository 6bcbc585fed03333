import type { Actor } from '@leadledger/auth';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { answer } from '../commissions/csv-answer';
import { ApiJsonOrCsvResponse } from '../http/response-schemas';
import { GetRepTimeline, type RepTimelinePage } from './rep-timeline.handler';
import { CustomerTimelineDto, LeadTimelineDto, RepTimelineDto } from './timeline.response';
import { CUSTOMER_STATE_COLUMNS, LEAD_STATE_COLUMNS, REP_STATE_COLUMNS, timelineCsv } from './timeline-csv';
import { RepTimelineQueryDto, SubjectTimelineQueryDto } from './timelines.dto';
import {
  type CustomerTimelinePage,
  GetCustomerTimeline,
  GetLeadTimeline,
  type LeadTimelinePage,
} from './timelines.handlers';

/**
 * Every event that touched a customer, a lead or a rep, in order, each with its business and
 * recorded time, actor, reason, a sentence, and the state after it: for settling disputes.
 * JSON, or CSV for an HR or legal file (`format=csv` or `Accept: text/csv`).
 */
@ApiTags('timelines')
@ApiBearerAuth()
@Controller()
export class TimelinesController {
  constructor(private readonly queries: QueryBus) {}

  /** The customer's own events and its leads' and sales' events; `asOf` replays up to that moment. */
  @Get('customers/:id/timeline')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiJsonOrCsvResponse('The customer’s events in log order, each with the customer after it', CustomerTimelineDto)
  @ApiNotFoundResponse({ description: 'Unknown customer' })
  async customer(
    @Param('id') id: string,
    @Query() query: SubjectTimelineQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    const page: CustomerTimelinePage = await this.queries.execute(new GetCustomerTimeline(id, query, actor));
    return answer(
      res,
      query.format,
      page,
      (p) => timelineCsv(p.entries, CUSTOMER_STATE_COLUMNS),
      `customer-${id}-timeline`,
    );
  }

  /** The lead's events, with the lead's status, holder and customer after each. */
  @Get('leads/:id/timeline')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiJsonOrCsvResponse('The lead’s events in log order, each with the lead after it', LeadTimelineDto)
  @ApiNotFoundResponse({ description: 'Unknown lead' })
  async lead(
    @Param('id') id: string,
    @Query() query: SubjectTimelineQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    const page: LeadTimelinePage = await this.queries.execute(new GetLeadTimeline(id, query, actor));
    return answer(res, query.format, page, (p) => timelineCsv(p.entries, LEAD_STATE_COLUMNS), `lead-${id}-timeline`);
  }

  /** Every event that named the rep or that the rep did, by business time within [from, to). */
  @Get('reps/:id/timeline')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiJsonOrCsvResponse('The rep’s events in the window, each with its subject after it', RepTimelineDto)
  @ApiNotFoundResponse({ description: 'Unknown rep' })
  async rep(
    @Param('id') id: string,
    @Query() query: RepTimelineQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    const page: RepTimelinePage = await this.queries.execute(new GetRepTimeline(id, query, actor));
    return answer(res, query.format, page, (p) => timelineCsv(p.entries, REP_STATE_COLUMNS), `rep-${id}-timeline`);
  }
}
