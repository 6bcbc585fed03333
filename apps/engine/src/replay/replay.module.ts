import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetAssignmentReplayHandler } from './assignment-replay.handler';
import { GetLineReplayHandler } from './line-replay.handler';
import { ReplayController } from './replay.controller';

@Module({
  imports: [CqrsModule],
  controllers: [ReplayController],
  providers: [GetAssignmentReplayHandler, GetLineReplayHandler],
})
export class ReplayModule {}
