import type { Actor } from '@leadledger/auth';
import type { LeadSummary } from '@leadledger/leads';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ActOnLead, type LeadAction } from './lead-actions.handlers';
import type { ExplainedLeadView } from './lead-explanations';
import { GetLead } from './lead-queries.handlers';
import { LeadListQueryDto, MergeLeadIntoDto, RouteLeadDto } from './lead-review.dto';
import { ListFlaggedLeads, MergeLeadInto, RouteLeadByHand } from './lead-review.handlers';
import {
  AcceptLeadDto,
  DeclineLeadDto,
  DisqualifyLeadDto,
  LeadAnswerDto,
  LeadDto,
  LeadSummaryDto,
  QualifyLeadDto,
  ReceiveLeadDto,
} from './leads.dto';
import { ReceiveLead } from './leads.handlers';

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retries with the same key answer alike',
};

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Takes a lead in, matches its customer and routes it; the same external id or key gives the same answer. */
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager', 'service', 'rep')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'A rep-sourced lead for a colleague’s customer: names the owner' })
  receive(
    @Body() body: ReceiveLeadDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<LeadAnswerDto> {
    return this.commands.execute(new ReceiveLead(body, actor, idempotencyKey ?? null));
  }

  /** The review queue (status=flagged): leads flagged for review, oldest first, each with why. */
  @Get()
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: [LeadSummaryDto] })
  list(@Query() _query: LeadListQueryDto): Promise<LeadSummary[]> {
    return this.queries.execute(new ListFlaggedLeads());
  }

  /** A manager routes a flagged or stuck lead to a rep or a pool, with a reason (and, if flagged, its customer). */
  @Post(':id/route')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiNotFoundResponse({ description: 'Unknown lead, rep, pool or customer' })
  @ApiConflictResponse({
    description: 'LeadNotRoutable (status, repId), CustomerProtected (ownerId, protectedUntil), RepDeparted',
  })
  route(@Param('id') id: string, @Body() body: RouteLeadDto, @CurrentActor() actor: Actor): Promise<LeadAnswerDto> {
    return this.commands.execute(new RouteLeadByHand(id, body, actor));
  }

  /** Resolves an identity conflict: the lead belongs to the chosen customer, with the evidence; nothing is deleted. */
  @Post(':id/merge-into')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'LeadNotFlagged (status) or CustomerNotInReview (customerIds)' })
  mergeInto(
    @Param('id') id: string,
    @Body() body: MergeLeadIntoDto,
    @CurrentActor() actor: Actor,
  ): Promise<LeadAnswerDto> {
    return this.commands.execute(new MergeLeadInto(id, body, actor));
  }

  /** The lead as the lead board has it, with every assignment's reason and its full history. */
  @Get(':id')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: LeadDto })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ExplainedLeadView> {
    return this.queries.execute(new GetLead(id, actor));
  }

  /** The rep takes the lead they were assigned. */
  @Post(':id/accept')
  @HttpCode(200)
  @Roles('admin', 'manager', 'rep')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'LeadNotAwaitingAcceptance (status) or NotAssignedToRep (assignedTo)' })
  accept(
    @Param('id') id: string,
    @Body() body: AcceptLeadDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') key?: string,
  ): Promise<LeadAnswerDto> {
    return this.act(id, { kind: 'AcceptLead', body }, actor, key);
  }

  /** The rep passes, with a reason; the lead is routed again. */
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('admin', 'manager', 'rep')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'LeadNotAwaitingAcceptance (status) or NotAssignedToRep (assignedTo)' })
  decline(
    @Param('id') id: string,
    @Body() body: DeclineLeadDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') key?: string,
  ): Promise<LeadAnswerDto> {
    return this.act(id, { kind: 'DeclineLead', body }, actor, key);
  }

  /** The accepted lead is an opportunity (商机). */
  @Post(':id/qualify')
  @HttpCode(200)
  @Roles('admin', 'manager', 'rep')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'LeadNotAccepted (status) or NotAssignedToRep (assignedTo)' })
  qualify(
    @Param('id') id: string,
    @Body() body: QualifyLeadDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') key?: string,
  ): Promise<LeadAnswerDto> {
    return this.act(id, { kind: 'QualifyLead', body }, actor, key);
  }

  /** Closed without a sale, with a reason: by its rep, or by a manager or admin. */
  @Post(':id/disqualify')
  @HttpCode(200)
  @Roles('admin', 'manager', 'rep')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'LeadClosed (reason) or NotAssignedToRep (assignedTo)' })
  disqualify(
    @Param('id') id: string,
    @Body() body: DisqualifyLeadDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') key?: string,
  ): Promise<LeadAnswerDto> {
    return this.act(id, { kind: 'DisqualifyLead', body }, actor, key);
  }

  private act(leadId: string, action: LeadAction, actor: Actor, key: string | undefined): Promise<LeadAnswerDto> {
    return this.commands.execute(new ActOnLead(leadId, action, actor, key ?? null));
  }
}
