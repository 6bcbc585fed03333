import type { Actor } from '@leadledger/auth';
import type { PoolView } from '@leadledger/routing';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { PoolFairnessDto, PoolFairnessQueryDto } from './pool-fairness.dto';
import { GetPoolFairness } from './pool-fairness.handlers';
import { AddMemberDto, ChangeMemberDto, CreatePoolDto, PauseMemberDto, PoolListDto, PoolViewDto } from './pools.dto';
import {
  AddPoolMember,
  ChangePoolMember,
  CreatePoolRequest,
  GetPool,
  ListPools,
  type MemberChange,
} from './pools.handlers';

/** Assignment pools (分配池). Every write answers with the pool as its own append left it. */
@ApiTags('pools')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such pool (or rep, or member)' })
@Controller('pools')
export class PoolsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('manager', 'admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key gets the same pool' })
  @ApiCreatedResponse({ type: PoolViewDto })
  @ApiBadRequestResponse({ description: 'Invalid settings, naming the field' })
  @ApiConflictResponse({ description: 'PoolAlreadyExists' })
  create(
    @Body() body: CreatePoolDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<PoolView> {
    return this.commands.execute(new CreatePoolRequest(body, actor, idempotencyKey ?? null));
  }

  /** Every pool by id, with its size: what a console or a client picks a pool from. */
  @Get()
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: PoolListDto })
  list(): Promise<PoolListDto> {
    return this.queries.execute(new ListPools());
  }

  /** Members, weights, pauses, caps, rotation state, counts today and this month, and the unassigned queue. */
  @Get(':id')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: PoolViewDto })
  get(@Param('id') id: string): Promise<PoolView> {
    return this.queries.execute(new GetPool(id));
  }

  /**
   * Per member over business days [from, to): leads due by weight vs leads given, skips by reason, and
   * the member furthest below its share; counted from the pool's events (pool-history read model).
   */
  @Get(':id/fairness')
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: PoolFairnessDto })
  @ApiBadRequestResponse({ description: 'from or to not a business day (YYYY-MM-DD), or to not after from' })
  fairness(@Param('id') id: string, @Query() query: PoolFairnessQueryDto): Promise<PoolFairnessDto> {
    return this.queries.execute(new GetPoolFairness(id, query.from, query.to));
  }

  /** Adds a registered, active rep; queued leads the new member can take are assigned in the same append. */
  @Post(':id/members')
  @HttpCode(201)
  @Roles('manager', 'admin')
  @ApiCreatedResponse({ type: PoolViewDto })
  @ApiConflictResponse({ description: 'MemberAlreadyInPool, RepDeparted' })
  addMember(@Param('id') id: string, @Body() body: AddMemberDto, @CurrentActor() actor: Actor): Promise<PoolView> {
    return this.commands.execute(new AddPoolMember(id, body, actor));
  }

  @Delete(':id/members/:repId')
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: PoolViewDto })
  removeMember(@Param('id') id: string, @Param('repId') repId: string, @CurrentActor() actor: Actor) {
    return this.change(id, repId, { kind: 'remove' }, actor);
  }

  /** Leave, out of office: the member is skipped (the trace says 'paused') until resumed. */
  @Post(':id/members/:repId/pause')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: PoolViewDto })
  @ApiConflictResponse({ description: 'MemberAlreadyPaused, with the reason' })
  pause(
    @Param('id') id: string,
    @Param('repId') repId: string,
    @Body() body: PauseMemberDto,
    @CurrentActor() actor: Actor,
  ): Promise<PoolView> {
    return this.change(id, repId, { kind: 'pause', reason: body.reason }, actor);
  }

  @Post(':id/members/:repId/resume')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: PoolViewDto })
  @ApiConflictResponse({ description: 'MemberNotPaused' })
  resume(@Param('id') id: string, @Param('repId') repId: string, @CurrentActor() actor: Actor): Promise<PoolView> {
    return this.change(id, repId, { kind: 'resume' }, actor);
  }

  /** A new weight and/or caps (null clears a cap), in one append. */
  @Patch(':id/members/:repId')
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: PoolViewDto })
  update(
    @Param('id') id: string,
    @Param('repId') repId: string,
    @Body() body: ChangeMemberDto,
    @CurrentActor() actor: Actor,
  ): Promise<PoolView> {
    return this.change(id, repId, { kind: 'update', body }, actor);
  }

  private change(id: string, repId: string, change: MemberChange, actor: Actor): Promise<PoolView> {
    return this.commands.execute(new ChangePoolMember(id, repId, change, actor));
  }
}
