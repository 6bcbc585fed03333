import { NotFoundError } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { POOL_HISTORY, fairnessReport, poolFairnessCounts, poolHistoryKnows } from '@leadledger/routing';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { badRequest } from '../http/validation';
import { ENGINE_CONFIG } from '../platform/tokens';
import type { PoolFairnessDto } from './pool-fairness.dto';

export class GetPoolFairness extends Query<PoolFairnessDto> {
  constructor(
    readonly poolId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

/** From the pool-history read model's per-day counts: the cost follows the window, not the age of the log. */
@QueryHandler(GetPoolFairness)
export class GetPoolFairnessHandler implements IQueryHandler<GetPoolFairness, PoolFairnessDto> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ poolId, from, to }: GetPoolFairness): Promise<PoolFairnessDto> {
    if (to <= from) throw badRequest([{ field: 'to', problem: 'to must be a later day than from' }]);
    const db = this.readModels.db;
    // One read transaction: the figures and the position they include come from one snapshot.
    return db.transaction(() => {
      if (!poolHistoryKnows(db, poolId)) throw new NotFoundError('pool', poolId);
      const report = fairnessReport(poolFairnessCounts(db, poolId, from, to));
      const position = (this.readModels.checkpoint(POOL_HISTORY)?.position ?? 0n).toString();
      return { poolId, from, to, timeZone: this.config.timeZone, position, ...report, members: [...report.members] };
    })();
  }
}
