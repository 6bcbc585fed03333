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
import { ReconciliationControl } from './reconciliation-control';

@Module({
  imports: [CqrsModule],
  controllers: [CommissionsController],
  providers: [
    CommissionBooks,
    ReconciliationControl,
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
