import type { EngineConfig } from '@leadledger/platform';
import { EVENT_TYPE_STATS, ReadModelDatabase, queryEventTypeStats } from '@leadledger/projections';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ENGINE_CONFIG } from '../platform/tokens';
import type { StatsDto } from './stats.dto';

export class GetEventTypeStats extends Query<StatsDto> {
  constructor(readonly range: { from?: string; to?: string }) {
    super();
  }
}

@QueryHandler(GetEventTypeStats)
export class GetEventTypeStatsHandler implements IQueryHandler<GetEventTypeStats, StatsDto> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ range }: GetEventTypeStats): Promise<StatsDto> {
    // One read transaction: the figures and the position they include come from one snapshot.
    return this.readModels.db.transaction(() => ({
      timeZone: this.config.timeZone,
      position: (this.readModels.checkpoint(EVENT_TYPE_STATS)?.position ?? 0n).toString(),
      ...queryEventTypeStats(this.readModels.db, range),
    }))();
  }
}
