import { commissionLedgerProjection, payoutRunsProjection, saleAttributionProjection } from '@leadledger/commissions';
import { customerDirectoryProjection } from '@leadledger/customers';
import { disputeBoardProjection } from '@leadledger/disputes';
import { webhookSubscriptionsProjection } from '@leadledger/feed';
import { leadBoardProjection, repDirectoryProjection } from '@leadledger/leads';
import { type Projection, eventTypeStatsProjection } from '@leadledger/projections';
import { poolBoardProjection, poolHistoryProjection } from '@leadledger/routing';
import { timelineIndexProjection } from '@leadledger/timelines';
import type { EngineConfig } from './engine-config';

/** Every read model the engine keeps; the runner, rebuild and verify all use this list. */
export function allProjections(config: EngineConfig): Projection[] {
  return [
    eventTypeStatsProjection(config.timeZone),
    customerDirectoryProjection,
    poolBoardProjection,
    poolHistoryProjection,
    leadBoardProjection,
    repDirectoryProjection,
    saleAttributionProjection,
    commissionLedgerProjection,
    payoutRunsProjection,
    webhookSubscriptionsProjection,
    disputeBoardProjection,
    timelineIndexProjection,
  ];
}
