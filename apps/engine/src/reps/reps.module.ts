import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RepsController } from './reps.controller';
import { RegisterRepHandler } from './reps.handlers';
import { GetRepHandler, GetRepInboxHandler, ListRepsHandler } from './reps.queries';

@Module({
  imports: [CqrsModule],
  controllers: [RepsController],
  providers: [RegisterRepHandler, ListRepsHandler, GetRepHandler, GetRepInboxHandler],
})
export class RepsModule {}
