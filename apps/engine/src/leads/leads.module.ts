import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActOnLeadHandler } from './lead-actions.handlers';
import { GetLeadHandler } from './lead-queries.handlers';
import { LeadsController } from './leads.controller';
import { ReceiveLeadHandler } from './leads.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [LeadsController],
  providers: [ReceiveLeadHandler, ActOnLeadHandler, GetLeadHandler],
})
export class LeadsModule {}
