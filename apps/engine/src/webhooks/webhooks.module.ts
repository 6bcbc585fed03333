import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { WebhookCheckpoints } from './webhook-checkpoints';
import { WebhookDeliveries } from './webhook-deliveries.service';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';
import { ChangeSubscriptionHandler, CreateSubscriptionHandler } from './webhooks.handlers';
import { GetSubscriptionHandler, ListDeliveriesHandler, ListSubscriptionsHandler } from './webhooks.queries';

@Module({
  imports: [CqrsModule],
  controllers: [WebhooksController],
  providers: [
    WebhookSecrets,
    WebhookCheckpoints,
    WebhookDeliveries,
    CreateSubscriptionHandler,
    ChangeSubscriptionHandler,
    ListSubscriptionsHandler,
    GetSubscriptionHandler,
    ListDeliveriesHandler,
  ],
  exports: [WebhookDeliveries],
})
export class WebhooksModule {}
