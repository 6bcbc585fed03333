import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LeadClaimController } from './lead-claim.controller';
import { ClaimLeadHandler } from './lead-claim.handler';

@Module({ imports: [CqrsModule], controllers: [LeadClaimController], providers: [ClaimLeadHandler] })
export class ClaimsModule {}
