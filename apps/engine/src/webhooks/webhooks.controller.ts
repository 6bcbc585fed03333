import type { Actor } from '@leadledger/auth';
import type { WebhookSubscriptionView } from '@leadledger/feed';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ChangeSubscription, CreateSubscription, type SubscriptionWithSecret } from './webhooks.handlers';
import {
  ChangeSubscriptionDto,
  CreateSubscriptionDto,
  DeliveriesQueryDto,
  DeliveryAttemptDto,
  ReplayQueryDto,
  SubscriptionDto,
  SubscriptionWithSecretDto,
} from './webhooks.dto';
import { GetSubscription, ListDeliveries, ListSubscriptions } from './webhooks.queries';

/** Webhook subscriptions: other services' push feed (docs/integration.md, "Webhooks"). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('service', 'admin')
@Controller('subscriptions')
export class WebhooksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Subscribes a URL to the events that match the filter, from now on; the secret is shown only here. */
  @Post()
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key gets the same answer',
  })
  @ApiCreatedResponse({ type: SubscriptionWithSecretDto })
  create(
    @Body() body: CreateSubscriptionDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<SubscriptionWithSecret> {
    return this.commands.execute(new CreateSubscription(body, actor, idempotencyKey ?? null));
  }

  @Get()
  @ApiOkResponse({ type: [SubscriptionDto] })
  list(): Promise<WebhookSubscriptionView[]> {
    return this.queries.execute(new ListSubscriptions());
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriptionDto })
  get(@Param('id') id: string): Promise<WebhookSubscriptionView> {
    return this.queries.execute(new GetSubscription(id));
  }

  /** Pauses or resumes, and changes the description or the filter. */
  @Patch(':id')
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiConflictResponse({ description: 'WebhookSubscriptionFailing: resume a failing one by POST …/retry' })
  change(@Param('id') id: string, @Body() body: ChangeSubscriptionDto, @CurrentActor() actor: Actor) {
    return this.commands.execute(new ChangeSubscription(id, { kind: 'patch', body }, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.commands.execute(new ChangeSubscription(id, { kind: 'delete' }, actor));
  }

  /** A new secret, shown only here; the previous one still signs, beside it, for the grace period. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: SubscriptionWithSecretDto })
  rotate(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.commands.execute(new ChangeSubscription(id, { kind: 'rotate' }, actor));
  }

  /** Resumes a failing subscription from the event it could not deliver. */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiConflictResponse({ description: 'WebhookSubscriptionNotFailing' })
  retry(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.commands.execute(new ChangeSubscription(id, { kind: 'retry' }, actor));
  }

  /** Sends every matching event again from `from` (inclusive), then goes on live; resumes a failing one. */
  @Post(':id/replay')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SubscriptionDto })
  replay(@Param('id') id: string, @Query() query: ReplayQueryDto, @CurrentActor() actor: Actor) {
    return this.commands.execute(new ChangeSubscription(id, { kind: 'replay', from: query.from }, actor));
  }

  /** Each attempt, newest first: event, status, latency, error (the last 1,000 per subscription). */
  @Get(':id/deliveries')
  @ApiOkResponse({ type: [DeliveryAttemptDto] })
  deliveries(@Param('id') id: string, @Query() query: DeliveriesQueryDto): Promise<DeliveryAttemptDto[]> {
    return this.queries.execute(new ListDeliveries(id, query.limit ?? 100));
  }
}
