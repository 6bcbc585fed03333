import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DisputeRemedySweep } from './dispute-remedy-sweep';
import { DisputeReads } from './dispute-subjects';
import { DisputesController } from './disputes.controller';
import { GetDisputeHandler, ListDisputesHandler } from './dispute-queries.handlers';
import { CommentOnDisputeHandler, OpenDisputeHandler, ResolveDisputeHandler } from './disputes.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [DisputesController],
  providers: [
    DisputeReads,
    DisputeRemedySweep,
    OpenDisputeHandler,
    CommentOnDisputeHandler,
    ResolveDisputeHandler,
    ListDisputesHandler,
    GetDisputeHandler,
  ],
})
export class DisputesModule {}
