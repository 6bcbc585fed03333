import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { HealthController } from './health.controller';

@Module({ imports: [WebhooksModule], controllers: [HealthController] })
export class HealthModule {}
