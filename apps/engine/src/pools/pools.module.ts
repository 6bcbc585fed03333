import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetPoolFairnessHandler } from './pool-fairness.handlers';
import { PoolWriter } from './pool-writer';
import { PoolsController } from './pools.controller';
import {
  AddPoolMemberHandler,
  ChangePoolMemberHandler,
  CreatePoolHandler,
  GetPoolHandler,
  ListPoolsHandler,
} from './pools.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [PoolsController],
  providers: [
    PoolWriter,
    CreatePoolHandler,
    AddPoolMemberHandler,
    ChangePoolMemberHandler,
    GetPoolHandler,
    ListPoolsHandler,
    GetPoolFairnessHandler,
  ],
})
export class PoolsModule {}
