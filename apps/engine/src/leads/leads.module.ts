import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActOnLeadHandler } from './lead-actions.handlers';
import { GetLeadHandler } from './lead-queries.handlers';
import { ListFlaggedLeadsHandler, MergeLeadIntoHandler, RouteLeadByHandHandler } from './lead-review.handlers';
import { LeadsController } from './leads.controller';
import { ReceiveLeadHandler } from './leads.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [LeadsController],
  providers: [
    ReceiveLeadHandler,
    ActOnLeadHandler,
    GetLeadHandler,
    ListFlaggedLeadsHandler,
    RouteLeadByHandHandler,
    MergeLeadIntoHandler,
  ],
})
export class LeadsModule {}
