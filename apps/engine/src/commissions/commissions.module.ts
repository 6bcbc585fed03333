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
import { GetPayoutRunHandler, ListPayoutRunsHandler } from './payout-runs.handlers';
import { PayoutRunsController } from './payout-runs.controller';
import { ReconciliationControl } from './reconciliation-control';

@Module({
  imports: [CqrsModule],
  controllers: [CommissionsController, PayoutRunsController],
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
    ListPayoutRunsHandler,
    GetPayoutRunHandler,
  ],
})
export class CommissionsModule {}
