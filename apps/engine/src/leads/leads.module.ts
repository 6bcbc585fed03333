import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LeadsController } from './leads.controller';
import { ReceiveLeadHandler } from './leads.handlers';

@Module({ imports: [CqrsModule], controllers: [LeadsController], providers: [ReceiveLeadHandler] })
export class LeadsModule {}
