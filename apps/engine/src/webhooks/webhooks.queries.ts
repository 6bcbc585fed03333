import { EventStore } from '@leadledger/event-store';
import { type WebhookSubscriptionView, listWebhookSubscriptions } from '@leadledger/feed';
import { ReadModelDatabase } from '@leadledger/projections';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { subscriptionAnswer } from './subscription-answer';
import { WebhookCheckpoints } from './webhook-checkpoints';
import type { DeliveryAttemptDto } from './webhooks.dto';

export class ListSubscriptions extends Query<WebhookSubscriptionView[]> {}

export class GetSubscription extends Query<WebhookSubscriptionView> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}

export class ListDeliveries extends Query<DeliveryAttemptDto[]> {
  constructor(
    readonly subscriptionId: string,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ListSubscriptions)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptions> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  execute(): Promise<WebhookSubscriptionView[]> {
    return Promise.resolve(listWebhookSubscriptions(this.readModels.connection));
  }
}

@QueryHandler(GetSubscription)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscription> {
  constructor(private readonly store: EventStore) {}

  execute({ subscriptionId }: GetSubscription): Promise<WebhookSubscriptionView> {
    return subscriptionAnswer(this.store, subscriptionId);
  }
}

@QueryHandler(ListDeliveries)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveries> {
  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: WebhookCheckpoints,
  ) {}

  async execute({ subscriptionId, limit }: ListDeliveries): Promise<DeliveryAttemptDto[]> {
    await subscriptionAnswer(this.store, subscriptionId); // 404 for an unknown or deleted one
    return this.checkpoints
      .deliveries(subscriptionId, limit)
      .map(({ subscriptionId: _id, position, ...attempt }) => ({ ...attempt, position: position.toString() }));
  }
}
