import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';
import { EventStreams } from './event-streams';
import { FeedController } from './feed.controller';

@Module({ controllers: [FeedController, AsyncApiController], providers: [EventStreams], exports: [EventStreams] })
export class FeedModule {}
