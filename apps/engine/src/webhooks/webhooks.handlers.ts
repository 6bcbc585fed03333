import type { Actor } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import {
  type StoredFeedFilter,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionView,
  webhookSubscriptionDecider,
  webhookSubscriptionStreamId,
} from '@leadledger/feed';
import { type Clock, type IdSource, idFromSeed } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordedAsNew, refuseKeyReusedFor } from '../http/idempotency-key-reuse';
import { RefusalException } from '../http/refusal.exception';
import { RequestContexts } from '../http/request-context';
import { badRequest } from '../http/validation';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE } from '../platform/tokens';
import { outboundUrlProblem } from './outbound-address';
import { decideOnSubscription, subscriptionAnswer } from './subscription-answer';
import { WebhookDeliveries } from './webhook-deliveries.service';
import { WebhookSecrets } from './webhook-secrets';
import type { ChangeSubscriptionDto, CreateSubscriptionDto, FeedFilterDto } from './webhooks.dto';

export type SubscriptionWithSecret = WebhookSubscriptionView & { readonly secret: string };

const storedFilter = (filter: FeedFilterDto | undefined): StoredFeedFilter => ({
  types: filter?.types ?? [],
  streams: filter?.streams ?? [],
});

export class CreateSubscription extends Command<SubscriptionWithSecret> {
  constructor(
    readonly body: CreateSubscriptionDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

/** Any change to an existing subscription: PATCH, rotate, retry, replay, delete. */
export class ChangeSubscription extends Command<WebhookSubscriptionView | SubscriptionWithSecret | null> {
  constructor(
    readonly subscriptionId: string,
    readonly change:
      | { readonly kind: 'patch'; readonly body: ChangeSubscriptionDto }
      | { readonly kind: 'rotate' | 'retry' | 'delete' }
      | { readonly kind: 'replay'; readonly from: string },
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(CreateSubscription)
export class CreateSubscriptionHandler implements ICommandHandler<CreateSubscription, SubscriptionWithSecret> {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    private readonly secrets: WebhookSecrets,
    private readonly deliveries: WebhookDeliveries,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ body, actor, idempotencyKey }: CreateSubscription): Promise<SubscriptionWithSecret> {
    const problem = await outboundUrlProblem(body.url, this.config.webhooks.allowPrivate);
    if (problem) throw badRequest([{ field: 'url', problem }]);
    // A retry with the same Idempotency-Key names the same subscription, and gets the same secret back.
    const subscriptionId = idempotencyKey
      ? idFromSeed(`webhook-subscription:${actor.keyId}:${idempotencyKey}`)
      : this.ids.next();
    const command: WebhookSubscriptionCommand = {
      kind: 'CreateWebhookSubscription',
      subscriptionId,
      url: new URL(body.url).toString(),
      filter: storedFilter(body.filter),
      description: body.description ?? '',
      startAfter: (await this.store.headPosition()).toString(),
    };
    try {
      await decideOnSubscription(this.store, this.contexts, subscriptionId, command, actor, idempotencyKey);
    } catch (error) {
      const retried =
        idempotencyKey && error instanceof RefusalException && error.refusal.code === 'WebhookSubscriptionExists';
      if (!retried) throw error;
      const [created] = await this.store.readStream(webhookSubscriptionStreamId(subscriptionId), { maxCount: 1 });
      const { url, filter, description } = recordedAsNew(webhookSubscriptionDecider, command);
      refuseKeyReusedFor('subscription', created.data, { url, filter, description });
    }
    await this.deliveries.subscriptionChanged(subscriptionId);
    const view = await subscriptionAnswer(this.store, subscriptionId);
    return { ...view, secret: this.secrets.secretFor(subscriptionId, view.secretVersion) };
  }
}

@CommandHandler(ChangeSubscription)
export class ChangeSubscriptionHandler implements ICommandHandler<ChangeSubscription> {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    private readonly secrets: WebhookSecrets,
    private readonly deliveries: WebhookDeliveries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ subscriptionId, change, actor }: ChangeSubscription) {
    const command = this.commandFor(change);
    await decideOnSubscription(this.store, this.contexts, subscriptionId, command, actor);
    await this.deliveries.subscriptionChanged(subscriptionId);
    if (change.kind === 'delete') return null;
    const view = await subscriptionAnswer(this.store, subscriptionId);
    if (change.kind !== 'rotate') return view;
    return { ...view, secret: this.secrets.secretFor(subscriptionId, view.secretVersion) };
  }

  private commandFor(change: ChangeSubscription['change']): WebhookSubscriptionCommand {
    switch (change.kind) {
      case 'patch': {
        const { paused, description, filter } = change.body;
        if (paused === undefined && description === undefined && filter === undefined)
          throw badRequest([{ field: 'body', problem: 'must name at least one of paused, description, filter' }]);
        return {
          kind: 'ChangeWebhookSubscription',
          paused,
          description,
          filter: filter && storedFilter(filter),
        };
      }
      case 'rotate': {
        const graceMs = this.config.webhooks.rotationGraceHours * 3_600_000;
        const previousValidUntil = new Date(this.clock.now().getTime() + graceMs).toISOString();
        return { kind: 'RotateWebhookSecret', previousValidUntil };
      }
      case 'retry':
        return { kind: 'RetryWebhookSubscription' };
      case 'replay':
        return { kind: 'ReplayWebhookSubscription', from: change.from };
      case 'delete':
        return { kind: 'DeleteWebhookSubscription' };
    }
  }
}
