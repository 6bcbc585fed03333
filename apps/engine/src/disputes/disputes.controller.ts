import type { Actor } from '@leadledger/auth';
import type { DisputePage } from '@leadledger/disputes';
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
import type { DisputeAnswer } from './dispute-subjects';
import { DisputeDto, DisputePageDto } from './dispute.response';
import { CommentOnDisputeDto, DisputeListQueryDto, OpenDisputeDto, ResolveDisputeDto } from './disputes.dto';
import { GetDispute, ListDisputes } from './dispute-queries.handlers';
import { CommentOnDisputeRequest, OpenDisputeRequest, ResolveDisputeRequest } from './disputes.handlers';

@ApiTags('disputes')
@ApiBearerAuth()
@Controller('disputes')
export class DisputesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** A rep contests the ownership of a customer, a lead's assignment or a ledger line of theirs. */
  @Post()
  @HttpCode(201)
  @Roles('rep', 'manager', 'admin')
  @ApiCreatedResponse({ description: 'The dispute, with the subject as the read models show it', type: DisputeDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A resend with the same key opens the same dispute',
  })
  @ApiNotFoundResponse({ description: 'No such customer, lead or ledger line' })
  open(
    @Body() body: OpenDisputeDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<DisputeAnswer> {
    return this.commands.execute(new OpenDisputeRequest(body, actor, idempotencyKey ?? null));
  }

  /** Disputes, oldest first: all for managers, commission disputes for finance, a rep's own for a rep. */
  @Get()
  @Roles('manager', 'admin', 'finance', 'rep')
  @ApiOkResponse({ description: 'A page of disputes, oldest first', type: DisputePageDto })
  list(@Query() query: DisputeListQueryDto, @CurrentActor() actor: Actor): Promise<DisputePage> {
    return this.queries.execute(new ListDisputes(query, actor));
  }

  /** The dispute: claim, evidence, comments, resolution, the remedy's events, and the subject's record. */
  @Get(':id')
  @Roles('manager', 'admin', 'finance', 'rep')
  @ApiOkResponse({ description: 'The dispute with the subject as the read models show it', type: DisputeDto })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<DisputeAnswer> {
    return this.queries.execute(new GetDispute(id, actor));
  }

  /** A note by the claimant, the rep disputed, finance (commission disputes) or a manager, while open. */
  @Post(':id/comments')
  @HttpCode(201)
  @Roles('manager', 'admin', 'finance', 'rep')
  @ApiCreatedResponse({ description: 'The dispute with the comment', type: DisputeDto })
  @ApiConflictResponse({
    description: 'DisputeClosedToComments; IdempotencyKeyReused for other words under a used key',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A resend with the same key adds the comment once',
  })
  comment(
    @Param('id') id: string,
    @Body() body: CommentOnDisputeDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<DisputeAnswer> {
    return this.commands.execute(new CommentOnDisputeRequest(id, body, actor, idempotencyKey ?? null));
  }

  /** Upheld (with a transfer and/or adjustments, carried out at once) or rejected, with the reason; final. */
  @Post(':id/resolution')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOkResponse({ description: 'The dispute, resolved, with the remedies carried out', type: DisputeDto })
  @ApiConflictResponse({
    description: "DisputeAlreadyResolved; a remedy's refusal (OccurredBeforeLastChange, AlreadyOwner, PeriodClosed…)",
  })
  resolve(
    @Param('id') id: string,
    @Body() body: ResolveDisputeDto,
    @CurrentActor() actor: Actor,
  ): Promise<DisputeAnswer> {
    return this.commands.execute(new ResolveDisputeRequest(id, body, actor));
  }
}
