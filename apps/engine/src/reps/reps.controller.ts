import type { Actor } from '@leadledger/auth';
import type { LeadSummary, RepView } from '@leadledger/leads';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { LeadSummaryDto } from '../leads/leads.dto';
import { ListRepsQueryDto, RegisterRepDto, RepDto, RepInboxQueryDto } from './reps.dto';
import { RegisterRep } from './reps.handlers';
import { GetRep, GetRepInbox, ListReps } from './reps.queries';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class RepsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Registers a rep, who can then join pools and receive leads. */
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key give the same rep' })
  @ApiCreatedResponse({ type: RepDto })
  @ApiConflictResponse({ description: 'RepAlreadyRegistered: the rep id is taken' })
  register(
    @Body() body: RegisterRepDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<RepView> {
    return this.commands.execute(new RegisterRep(body, actor, idempotencyKey ?? null));
  }

  /** Every rep, optionally of one team or status, from the rep directory. */
  @Get()
  @Roles('admin', 'manager', 'finance', 'service')
  @ApiOkResponse({ type: [RepDto] })
  list(@Query() query: ListRepsQueryDto): Promise<RepView[]> {
    return this.queries.execute(new ListReps(query));
  }

  /** One rep; a rep sees only themselves. */
  @Get(':id')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: RepDto })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<RepView> {
    return this.queries.execute(new GetRep(id, actor));
  }

  /** The leads the rep holds now, newest first, from the lead board; a rep sees only their own. */
  @Get(':id/leads')
  @Roles('admin', 'manager', 'service', 'rep')
  @ApiOkResponse({ type: [LeadSummaryDto] })
  inbox(
    @Param('id') id: string,
    @Query() query: RepInboxQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<LeadSummary[]> {
    return this.queries.execute(new GetRepInbox(id, query, actor));
  }
}
