import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommissionsController } from './commissions.controller';
import {
  CommissionBooks,
  GetReconciliationHandler,
  GetStatementHandler,
  ListPlansHandler,
  PostAdjustmentHandler,
  PreviewPayoutHandler,
  PublishPlanHandler,
  RunPayoutHandler,
} from './commissions.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [CommissionsController],
  providers: [
    CommissionBooks,
    PublishPlanHandler,
    ListPlansHandler,
    PostAdjustmentHandler,
    PreviewPayoutHandler,
    RunPayoutHandler,
    GetStatementHandler,
    GetReconciliationHandler,
  ],
})
export class CommissionsModule {}
